import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { RetrievalDocumentInput } from '../../store/index.ts';

const EXTENSIONS = new Set(['.md', '.markdown', '.txt']);

/** A document's version: the hash of what it says, so an edit is a new version and nothing else is. */
export function documentVersion(title: string, body: string): string {
  return createHash('sha256').update(title).update('\0').update(body).digest('hex').slice(0, 16);
}

/**
 * The .md and .txt files of a folder (and its subfolders) as documents of `source`: the id is the
 * path without extension (`returns`, `billing/refunds`), the title the first `# ` heading or else
 * the id, the body the rest.
 */
export async function readFolderDocuments(folder: string, source: string): Promise<RetrievalDocumentInput[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const now = new Date();
  return Promise.all(
    files.map(async (file) => {
      const text = (await readFile(file, 'utf8')).replace(/\r\n/g, '\n').trim();
      const path = relative(folder, file).split(sep).join('/');
      const docId = path.slice(0, path.length - extname(path).length);
      const heading = /^#\s+(.+)$/m.exec(text);
      const title = heading?.[1]?.trim() ?? docId;
      const body = heading ? text.replace(heading[0], '').trim() : text;
      return { source, docId, title, body, version: documentVersion(title, body), updatedAt: now };
    }),
  );
}
