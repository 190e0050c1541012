import type { PromptopsError } from '../../src/errors/index.ts';

/** The error's issues as `line field: message` strings, to compare a whole list at once. */
export function issueLines(error: PromptopsError): string[] | undefined {
  return error.details.issues?.map(
    (issue) => `${issue.location?.line} ${issue.location?.field}: ${issue.message}`,
  );
}
