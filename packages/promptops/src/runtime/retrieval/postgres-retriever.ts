import { type Database, searchRetrievalDocuments } from '../../store/index.ts';
import type { Retriever } from './passage.ts';

/** A `postgres-fts` source: the documents `promptops retrieval import` loaded, by full-text rank. */
export function postgresRetriever(db: Database, source: string): Retriever {
  return {
    async search(query, k) {
      const documents = await searchRetrievalDocuments(db, source, query, k);
      return documents.map((document) => ({
        source,
        docId: document.docId,
        version: document.version,
        title: document.title,
        text: document.body,
      }));
    },
  };
}
