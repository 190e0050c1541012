import type { z } from 'zod';
import { PromptopsError } from '../../errors/index.ts';
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
  if (result.success) return result.data as Record<string, unknown>;
  const issues = result.error.issues.map((issue) => ({
    message: `${issue.path.join('.') || '(content)'}: ${issue.message}`,
    location: { file: name, field: issue.path.join('.') },
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
