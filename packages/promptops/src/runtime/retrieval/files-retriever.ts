import type { RetrievalDocumentInput } from '../../store/index.ts';
import { readFolderDocuments } from './folder-documents.ts';
import type { Retriever } from './passage.ts';

/** How long a folder's files are kept before it is read again. */
const REREAD_MS = 30_000;

const STOP_WORDS = new Set(
  'the and for are but not you your with can how what when where which who will this that have has was from they our any all about into its can may'.split(
    ' ',
  ),
);

/** Lower-case words of three letters or more, stop words out, plural and -ing/-ed endings off. */
export function searchTerms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((word) => word.length >= 3 && !STOP_WORDS.has(word))
    .map((word) => word.replace(/(?<=.{3})(ing|ed|es|s)$/, ''));
}

/**
 * A `files` source: a project folder's documents searched in memory by term overlap (each query
 * term counts once, more for a title match, a little more for repeats). Small folders only: a
 * knowledge base of thousands of documents belongs in a `postgres-fts` source.
 */
export function filesRetriever(folder: string, source: string, now = () => Date.now()): Retriever {
  let loaded:
    | {
        at: number;
        documents: { document: RetrievalDocumentInput; title: Set<string>; body: Map<string, number> }[];
      }
    | undefined;
  async function documents() {
    if (loaded && now() - loaded.at < REREAD_MS) return loaded.documents;
    const read = await readFolderDocuments(folder, source);
    loaded = {
      at: now(),
      documents: read.map((document) => {
        const body = new Map<string, number>();
        for (const term of searchTerms(document.body)) body.set(term, (body.get(term) ?? 0) + 1);
        return { document, title: new Set(searchTerms(document.title)), body };
      }),
    };
    return loaded.documents;
  }
  return {
    async search(query, k) {
      const terms = [...new Set(searchTerms(query))];
      const scored = (await documents())
        .map((entry) => {
          let score = 0;
          for (const term of terms) {
            const count = entry.body.get(term) ?? 0;
            if (count > 0) score += 1 + Math.log(count);
            if (entry.title.has(term)) score += 2;
          }
          return { entry, score };
        })
        .filter(({ score }) => score > 0)
        .sort((a, b) => b.score - a.score || a.entry.document.docId.localeCompare(b.entry.document.docId));
      return scored.slice(0, k).map(({ entry: { document } }) => ({
        source,
        docId: document.docId,
        version: document.version,
        title: document.title,
        text: document.body,
      }));
    },
  };
}
