import { ExampleBankContent } from '../content/index.ts';
import { nameArtifact } from './artifact-layout.ts';
import { filesError } from './file-issues.ts';
import type { LoadedExampleBank } from './loaded-artifact.ts';
import { readTextFile } from './read-text-file.ts';
import { checkFile } from './validate-file.ts';
import { parseYamlDocument } from './yaml-document.ts';

/**
 * Reads `examples/<name>.yaml`, a bank of few-shot examples.
 * @example await loadExampleBankFile('/repo/acme-support', 'examples/support/intents.yaml')
 */
export async function loadExampleBankFile(projectRoot: string, file: string): Promise<LoadedExampleBank> {
  return parseExampleBankFile(await readTextFile(projectRoot, file), file);
}

export function parseExampleBankFile(text: string, file: string): LoadedExampleBank {
  const document = parseYamlDocument(text, { file });
  const named = nameArtifact('example-bank', document);
  const check = checkFile(ExampleBankContent, document, named.data);
  const issues = [...named.issues, ...(check.ok ? [] : check.issues)];
  if (issues.length > 0 || !check.ok) throw filesError(issues);
  return { kind: 'example-bank', name: named.name, content: check.value, file, locate: document.locate };
}
