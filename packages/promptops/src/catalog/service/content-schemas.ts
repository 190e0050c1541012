import type { z } from 'zod';
import { PromptopsError } from '../../errors/index.ts';
import { samplingAssertionProblems } from '../../evaluation/continuous/sampling-assertion-problems.ts';
import { ExampleBankContent } from '../content/example-bank-content.ts';
import { FragmentContent } from '../content/fragment-content.ts';
import type { ArtifactKind } from '../content/names.ts';
import { PromptContent } from '../content/prompt-content.ts';

const SCHEMAS: Record<ArtifactKind, z.ZodType> = {
  prompt: PromptContent,
  fragment: FragmentContent,
  'example-bank': ExampleBankContent,
};

/**
 * Validates content given through the library or API (files are validated with line numbers before
 * they get here) and returns it normalised, defaults applied, so equal meaning hashes equal.
 */
export function normaliseContent(
  kind: ArtifactKind,
  name: string,
  content: unknown,
): Record<string, unknown> {
  const result = SCHEMAS[kind].safeParse(content);
  // The schema holds only the shape of sampling assertions; their fields are checked here.
  const problems: readonly { message: string; path: readonly PropertyKey[] }[] = !result.success
    ? result.error.issues
    : kind === 'prompt'
      ? samplingAssertionProblems(result.data as PromptContent)
      : [];
  if (result.success && problems.length === 0) return result.data as Record<string, unknown>;
  const issues = problems.map((issue) => ({
    message: `${issue.path.map(String).join('.') || '(content)'}: ${issue.message}`,
    location: { file: name, field: issue.path.map(String).join('.') },
  }));
  throw new PromptopsError('invalid_argument', `${kind} ${name} has invalid content: ${issues[0]!.message}`, {
    issues,
  });
}

/** The descriptive columns the artifacts table mirrors from the latest content. */
export function describeContent(content: Record<string, unknown>) {
  const text = (key: string) => (typeof content[key] === 'string' ? (content[key] as string) : null);
  return {
    description: text('description'),
    owner: text('owner'),
    risk: text('risk'),
    task: text('task'),
    classification: text('classification'),
    tags: Array.isArray(content.tags) ? (content.tags as string[]) : [],
  };
}
