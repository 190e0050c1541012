import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { validateFile } from '../catalog/files/validate-file.ts';
import { parseYamlDocument } from '../catalog/files/yaml-document.ts';
import type { ScriptRule } from './script-types.ts';

const Text = z.string().min(1);

const ReplyParts = z.strictObject({
  text: z.string().optional(),
  json: z.unknown().optional(),
  toolCalls: z.array(z.strictObject({ name: Text, arguments: z.unknown(), id: Text.optional() })).optional(),
  finish: z.enum(['stop', 'length', 'tool-calls', 'content-filter']).optional(),
  usage: z
    .strictObject({ inputTokens: z.number().int().optional(), outputTokens: z.number().int().optional() })
    .optional(),
});

const Faults = z.strictObject({
  latencyMs: z.number().int().nonnegative().optional(),
  ttftMs: z.number().int().nonnegative().optional(),
  chunkDelayMs: z.number().int().nonnegative().optional(),
  status: z.number().int().min(400).max(599).optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
  hang: z.boolean().optional(),
  malformedJson: z.boolean().optional(),
  cutStream: z.boolean().optional(),
});

/** A script as a file: plain substrings only (no regular expressions from files, none can hang). */
export const ScriptFile = z.strictObject({
  rules: z.array(
    z.strictObject({
      match: z
        .strictObject({
          model: Text.optional(),
          protocol: z.enum(['openai', 'anthropic']).optional(),
          system: Text.optional(),
          lastUserMessage: Text.optional(),
          anyMessage: Text.optional(),
        })
        .optional(),
      reply: z.union([z.string(), ReplyParts]),
      faults: Faults.optional(),
      times: z.number().int().positive().optional(),
    }),
  ),
});

/**
 * Reads a scripted-model file (YAML): the rules the offline demo and users' CI runs answer from.
 * Errors name the file, line and field like every promptops file.
 *
 * @example
 * const rules = await loadScriptFile('examples/acme-support/demo/scripted-model.yaml');
 * const server = await startScriptedModelServer({ rules });
 */
export async function loadScriptFile(path: string): Promise<ScriptRule[]> {
  const document = parseYamlDocument(await readFile(path, 'utf8'), { file: path });
  return validateFile(ScriptFile, document).rules as ScriptRule[];
}
