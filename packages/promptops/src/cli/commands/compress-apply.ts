import { readFile, writeFile } from 'node:fs/promises';
import { isScalar, parseDocument, type Scalar } from 'yaml';
import type { PromptCompression } from '../../catalog/compress/index.ts';
import { PromptopsError } from '../../errors/index.ts';

/** `system.guidelines[2]` → ['system', 'guidelines', 2]; `messages[1].content` → ['messages', 1, 'content']. */
function yamlPath(field: string): (string | number)[] {
  return field.split('.').flatMap((part) => {
    const match = /^([a-z_]+)\[(\d+)\]$/.exec(part);
    return match ? [match[1] as string, Number(match[2])] : [part];
  });
}

/**
 * Writes the shorter wording into a prompt file for a person to review and propose
 * (`compress --apply-to FILE`). Each changed field must read in the file exactly as in the version
 * compressed, else nothing is written: the file has moved on and the rewrite would undo an edit.
 * Scalars keep their style (a `|` block stays a block); emptied list items are removed.
 */
export async function applyCompression(file: string, compression: PromptCompression): Promise<void> {
  const source = await readFile(file, 'utf8').catch(() => {
    throw new PromptopsError('invalid_argument', `--apply-to ${file}: no such file`, {
      parameter: 'apply-to',
    });
  });
  const document = parseDocument(source);
  if (document.errors.length > 0) {
    throw new PromptopsError('invalid_argument', `--apply-to ${file}: not valid YAML`, {
      parameter: 'apply-to',
      location: { file },
    });
  }
  const changed = compression.fields.filter((field) => field.before !== field.after);
  for (const field of changed) {
    const node = document.getIn(yamlPath(field.field), true);
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value !== 'string' || value.replace(/\n$/, '') !== field.before.replace(/\n$/, '')) {
      throw new PromptopsError(
        'conflict',
        `--apply-to ${file}: ${field.field} in the file is not the text that was compressed; nothing written (push or pull first)`,
        { parameter: 'apply-to', location: { file, field: field.field } },
      );
    }
  }
  // Edits in the source text, from the end backwards, so the rest of the file stays byte for byte.
  const edits = changed
    .map((field) => {
      const node = document.getIn(yamlPath(field.field), true);
      if (!isScalar(node) || !node.range)
        throw new PromptopsError('conflict', `${field.field}: not found`, {});
      const [from, to] = node.range;
      if (field.after !== '')
        return { from, to, text: scalarSource(source.slice(from, to), node.type, field.after) };
      // A removed list item: its whole line (`    - text`).
      const lineStart = source.lastIndexOf('\n', from) + 1;
      const lineEnd = source.indexOf('\n', to - 1);
      return { from: lineStart, to: lineEnd === -1 ? source.length : lineEnd + 1, text: '' };
    })
    .sort((left, right) => right.from - left.from);
  let text = source;
  for (const edit of edits) text = text.slice(0, edit.from) + edit.text + text.slice(edit.to);
  await writeFile(file, text);
}

/** The new value written in the old node's style: a block keeps its header and indentation. */
function scalarSource(old: string, type: Scalar['type'], value: string): string {
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const header = old.slice(0, old.indexOf('\n') + 1);
    const indent = /\n([ \t]+)\S/.exec(old)?.[1] ?? '  ';
    const trailing = /\n*$/.exec(old)?.[0] ?? '';
    const body = value
      .replace(/\n+$/, '')
      .split('\n')
      .map((line) => (line === '' ? '' : indent + line))
      .join('\n');
    return header + body + (trailing === '' ? '' : trailing);
  }
  const plain = /^[A-Za-z(][^\n#]*$/.test(value) && !/:\s|\s$/.test(value);
  return type === 'PLAIN' && plain ? value : JSON.stringify(value);
}
