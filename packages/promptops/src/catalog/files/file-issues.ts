import { formatLocation, PromptopsError, type SourceLocation } from '../../errors/index.ts';

/** One problem in one project file. `message` is the reason alone; `location` says where. */
export interface LocatedIssue {
  message: string;
  location: SourceLocation;
}

export type FileErrorCode = 'file_invalid' | 'config_invalid';

/** Beyond this many lines the message says "and N more"; `details.issues` always holds them all. */
const MAX_LINES_IN_MESSAGE = 50;

/** `prompts/support/classify-intent.yaml:14:5 (model.params.temperature): Too big: …` */
export function formatIssue(issue: LocatedIssue): string {
  return `${formatLocation(issue.location)}: ${issue.message}`;
}

/** File, then line, then column: the order an editor's problem list uses. */
export function sortIssues(issues: readonly LocatedIssue[]): LocatedIssue[] {
  return [...issues].sort(
    (left, right) =>
      compareText(left.location.file, right.location.file) ||
      (left.location.line ?? 0) - (right.location.line ?? 0) ||
      (left.location.column ?? 0) - (right.location.column ?? 0),
  );
}

/**
 * One error for every problem found in one pass, so a person fixes them all before running again.
 * `details.location` is the first problem's location, `details.issues` lists them all.
 */
export function filesError(
  issues: readonly LocatedIssue[],
  code: FileErrorCode = 'file_invalid',
): PromptopsError {
  const sorted = sortIssues(issues);
  const first = sorted[0];
  if (!first) throw new Error('filesError needs at least one issue');
  const files = new Set(sorted.map((issue) => issue.location.file));
  const lines = sorted.slice(0, MAX_LINES_IN_MESSAGE).map(formatIssue);
  if (sorted.length > MAX_LINES_IN_MESSAGE) lines.push(`… and ${sorted.length - MAX_LINES_IN_MESSAGE} more`);
  const where = files.size === 1 ? first.location.file : `${files.size} files`;
  const message =
    sorted.length === 1
      ? formatIssue(first)
      : `${sorted.length} problems in ${where}:\n  ${lines.join('\n  ')}`;
  return new PromptopsError(code, message, {
    location: first.location,
    issues: sorted.map((issue) => ({ message: issue.message, location: issue.location })),
  });
}

/** The located issues a file error carries, to merge errors from several files into one. */
export function issuesOf(error: PromptopsError): LocatedIssue[] {
  const issues = error.details.issues ?? [];
  if (issues.length > 0) {
    return issues.map((issue) => ({ message: issue.message, location: issue.location ?? { file: '?' } }));
  }
  return [{ message: error.message, location: error.details.location ?? { file: '?' } }];
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
