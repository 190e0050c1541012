import { samplingAssertionProblems } from '../../evaluation/continuous/sampling-assertion-problems.ts';
import { PromptContent } from '../content/index.ts';
import { nameArtifact } from './artifact-layout.ts';
import { checkJsonSchema } from './check-json-schema.ts';
import { filesError, type LocatedIssue } from './file-issues.ts';
import type { LoadedPrompt } from './loaded-artifact.ts';
import { readTextFile } from './read-text-file.ts';
import { checkFile } from './validate-file.ts';
import { parseYamlDocument, type YamlDocument } from './yaml-document.ts';

/**
 * Reads `prompts/<name>.yaml`. Every problem in the file (YAML, schema, name, broken JSON Schemas in
 * `variables`, `output.schema` or tool parameters, bad `sampling.assert` assertions) comes back in one
 * `file_invalid` error.
 * @example await loadPromptFile('/repo/acme-support', 'prompts/support/classify-intent.yaml')
 */
export async function loadPromptFile(projectRoot: string, file: string): Promise<LoadedPrompt> {
  return parsePromptFile(await readTextFile(projectRoot, file), file);
}

/** `loadPromptFile` for text in hand (an editor buffer); `file` is the path relative to the project. */
export function parsePromptFile(text: string, file: string): LoadedPrompt {
  const document = parseYamlDocument(text, { file });
  const named = nameArtifact('prompt', document);
  const check = checkFile(PromptContent, document, named.data);
  const issues = [
    ...named.issues,
    ...(check.ok ? embeddedSchemaIssues(check.value, document) : check.issues),
  ];
  if (issues.length > 0 || !check.ok) throw filesError(issues);
  return { kind: 'prompt', name: named.name, content: check.value, file, locate: document.locate };
}

/**
 * The runtime compiles these schemas on every call path, and sampled runs are scored with the
 * `sampling.assert` assertions: a broken one must fail at load, with its line.
 */
function embeddedSchemaIssues(content: PromptContent, document: YamlDocument): LocatedIssue[] {
  const issues: LocatedIssue[] = samplingAssertionProblems(content).map((problem) => ({
    message: problem.message,
    location: document.locate(problem.path),
  }));
  if (content.variables) issues.push(...checkJsonSchema(content.variables, ['variables'], document));
  if (content.output?.schema)
    issues.push(...checkJsonSchema(content.output.schema, ['output', 'schema'], document));
  for (const [index, tool] of (content.tools ?? []).entries()) {
    issues.push(...checkJsonSchema(tool.parameters, ['tools', index, 'parameters'], document));
  }
  return issues;
}
