import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type YAMLError } from 'yaml';
import type { SourceLocation } from '../../errors/index.ts';
import { type FieldPath, formatFieldPath, parseFieldPath } from './field-path.ts';
import { type FileErrorCode, filesError, type LocatedIssue } from './file-issues.ts';

/** Parsed YAML that still knows where every value came from. */
export interface YamlDocument {
  /** The file as the person knows it: relative to the project folder (`prompts/support/x.yaml`). */
  file: string;
  /** Plain data (maps → objects, sequences → arrays); null for an empty file. */
  data: unknown;
  /**
   * Where a value is: a map entry by its key (`temperature:`), a list item by its start. A path that
   * leaves the file (a missing key) stops at the nearest value that is there.
   */
  locate(field: FieldPath | string): SourceLocation;
}

export interface ParseYamlOptions {
  file: string;
  /** The file line the text starts on, when it is cut from a bigger file (fragment front matter). */
  firstLine?: number;
  code?: FileErrorCode;
}

/**
 * Aliases are allowed (people use anchors for shared message text) but bounded, so a "billion
 * laughs" file cannot blow up memory.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * Parses one YAML document. Malformed YAML, a second document, duplicate keys and unresolvable tags or
 * aliases throw one `file_invalid` error naming every problem with its line and column.
 * @example parseYamlDocument('a: 1\n', { file: 'prompts/a.yaml' }).locate(['a']) // { file, line: 1, column: 1, field: 'a' }
 */
export function parseYamlDocument(text: string, options: ParseYamlOptions): YamlDocument {
  const { file, firstLine = 1, code = 'file_invalid' } = options;
  const lineCounter = new LineCounter();
  const source = text.replace(/^\uFEFF/, '');
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const at = (offset: number, field?: string): SourceLocation => {
    const position = lineCounter.linePos(offset);
    return { file, line: position.line + firstLine - 1, column: position.col, ...(field ? { field } : {}) };
  };

  // Warnings count too: an unknown tag (`!include`) would otherwise silently become a string.
  const issues: LocatedIssue[] = [...document.errors, ...document.warnings].map((error) =>
    issueFromParser(error, source, file, firstLine),
  );
  visit(document, {
    Alias(_key, alias) {
      if (alias.resolve(document) === undefined) {
        issues.push({
          message: `unknown alias *${alias.source}: define &${alias.source} before using it`,
          location: at(alias.range?.[0] ?? 0),
        });
      }
    },
  });
  if (issues.length > 0) throw filesError(issues, code);

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw filesError([{ message: `cannot read the YAML: ${reason}`, location: { file } }], code);
  }

  return {
    file,
    data: data ?? null,
    locate(field) {
      const path = typeof field === 'string' ? parseFieldPath(field) : field;
      const fieldText = formatFieldPath(path) || undefined;
      let node: unknown = document.contents;
      let offset = document.contents?.range?.[0] ?? 0;
      for (const segment of path) {
        if (isAlias(node)) node = node.resolve(document);
        if (isMap(node)) {
          const pair = node.items.find(
            (item) => isScalar(item.key) && String(item.key.value) === String(segment),
          );
          if (!pair) break;
          offset = (pair.key as { range?: [number, number, number] }).range?.[0] ?? offset;
          node = pair.value;
        } else if (isSeq(node) && typeof segment === 'number') {
          const item = node.items[segment] as { range?: [number, number, number] } | undefined;
          if (!item) break;
          offset = item.range?.[0] ?? offset;
          node = item;
        } else {
          break;
        }
      }
      return at(offset, fieldText);
    },
  };
}

function issueFromParser(error: YAMLError, source: string, file: string, firstLine: number): LocatedIssue {
  const position = error.linePos?.[0];
  // prettyErrors appends " at line L, column C:" and a source excerpt; the location says that already.
  const reason = error.message.split(/ at line \d+, column \d+/)[0] ?? error.message;
  const message =
    error.code === 'MULTIPLE_DOCS'
      ? 'a second YAML document starts here (---); a file holds exactly one'
      : error.code === 'DUPLICATE_KEY'
        ? `duplicate key ${keyAt(source, error.pos[0])}: keys must be unique`
        : reason;
  const location: SourceLocation = position
    ? { file, line: position.line + firstLine - 1, column: position.col }
    : { file };
  return { message, location };
}

/** The key that starts at `offset` (the parser reports the position, not the key), quoted for a message. */
function keyAt(source: string, offset: number): string {
  const line = source.slice(offset).split(/\r?\n/, 1)[0] ?? '';
  const key = (/^("(?:[^"\\]|\\.)*"|'[^']*'|[^:#]+):/.exec(line)?.[1] ?? line).trim();
  return /^["']/.test(key) ? key : JSON.stringify(key);
}
