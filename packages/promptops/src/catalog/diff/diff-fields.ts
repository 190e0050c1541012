import { diffLines } from 'diff';
import { canonicalJson } from '../content/canonical-json.ts';

export interface FieldChange {
  /** Path in the file's terms: `system.constraints[2]`, `model.params.temperature`. */
  field: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
  /** For text fields: the line diff, each line prefixed `+ `, `- ` or `  `. */
  lines?: string[];
}

/**
 * Compares two contents field by field, down to the leaves, so a reviewer sees "the temperature went
 * from 0.3 to 0.7" and a line diff of a changed instruction rather than one opaque blob.
 */
export function diffFields(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (canonicalJson(before) === canonicalJson(after)) return [];
  if (before === undefined) return [{ field: path, change: 'added', after }];
  if (after === undefined) return [{ field: path, change: 'removed', before }];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => diffFields(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) =>
      diffFields(before[index], after[index], `${path}[${index}]`),
    ).flat();
  }
  const change: FieldChange = { field: path, change: 'changed', before, after };
  if (
    typeof before === 'string' &&
    typeof after === 'string' &&
    (before.includes('\n') || after.includes('\n'))
  ) {
    change.lines = lineDiff(before, after);
  }
  return [change];
}

/**
 * A line diff, each line prefixed `+ `, `- ` or `  `. Unchanged stretches keep `context` lines next
 * to each change and fold the rest into one `  ⋯ N unchanged lines` marker, like `diff -U3`.
 */
export function lineDiff(before: string, after: string, context = 3): string[] {
  const lines = diffLines(before, after).flatMap((part) => {
    const prefix = part.added ? '+ ' : part.removed ? '- ' : '  ';
    return part.value
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => prefix + line);
  });
  const changed = lines.map((line) => !line.startsWith('  '));
  const near = (index: number) =>
    changed.slice(Math.max(0, index - context), index + context + 1).some((flag) => flag);
  const result: string[] = [];
  let folded = 0;
  lines.forEach((line, index) => {
    if (changed[index] || near(index)) {
      if (folded > 0) result.push(`  ⋯ ${folded} unchanged line${folded === 1 ? '' : 's'}`);
      folded = 0;
      result.push(line);
    } else {
      folded += 1;
    }
  });
  if (folded > 0) result.push(`  ⋯ ${folded} unchanged line${folded === 1 ? '' : 's'}`);
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
