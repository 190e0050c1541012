import { createHash } from 'node:crypto';
import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import { BUILTIN_MODELS } from '../../runtime/models/builtin-models.ts';
import type { SuiteReport } from './report-types.ts';

/** What a recorded suite result was measured with (the catalog's "tested with" fields). */
export interface TestedWith {
  /** `provider/model` of every model that answered a case, with its dated snapshot when the name is one. */
  models: { id: string; snapshot?: string }[];
  /** The promptops release that ran the suite. */
  promptops: string;
  /** The prompt version's declared tools: name and sha256 of the declaration (first 12 hex). */
  tools: { name: string; schemaHash: string }[];
}

/**
 * Collects the models that answered from the report's outputs (fallbacks included, so a suite that
 * partly ran on a fallback says so) and the tools the tested version declares.
 */
export function testedWithOf(
  report: SuiteReport,
  options: { promptops: string; content?: Pick<PromptContent, 'tools'> },
): TestedWith {
  const models = new Set<string>();
  for (const result of report.results) {
    for (const repeat of result.repeats) if (repeat.output.model) models.add(repeat.output.model);
  }
  return {
    models: [...models].sort().map((id) => {
      const snapshot = datedSnapshot(id);
      return snapshot === undefined ? { id } : { id, snapshot };
    }),
    promptops: options.promptops,
    tools: (options.content?.tools ?? []).map((tool) => ({
      name: tool.name,
      schemaHash: createHash('sha256')
        .update(JSON.stringify({ description: tool.description, parameters: tool.parameters }))
        .digest('hex')
        .slice(0, 12),
    })),
  };
}

/** The model name when the shipped table lists it as a dated snapshot of a model; else undefined. */
function datedSnapshot(id: string): string | undefined {
  const name = id.slice(id.indexOf('/') + 1);
  return BUILTIN_MODELS.some((model) => model.aliases.includes(name)) ? name : undefined;
}
