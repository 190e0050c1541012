import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import {
  type ContextSummaryRow,
  contextSummaries,
  type RetrievalDocumentRow,
  type RetrievedPassageRow,
  retrievalDocuments,
  retrievedPassages,
} from '../schema/index.ts';

export type RetrievalDocumentInput = Omit<RetrievalDocumentRow, 'search'>;

/**
 * Loads a source's documents: new ones are added, changed ones (another version) replaced, the
 * same version left alone; with `replace`, documents of the source not given are removed.
 */
export async function upsertRetrievalDocuments(
  executor: Executor,
  source: string,
  documents: RetrievalDocumentInput[],
  options: { replace?: boolean } = {},
): Promise<{ added: number; changed: number; unchanged: number; removed: number }> {
  const existing = await executor
    .select({ docId: retrievalDocuments.docId, version: retrievalDocuments.version })
    .from(retrievalDocuments)
    .where(eq(retrievalDocuments.source, source));
  const versions = new Map(existing.map((row) => [row.docId, row.version]));
  let added = 0;
  let changed = 0;
  let unchanged = 0;
  for (const document of documents) {
    const version = versions.get(document.docId);
    if (version === document.version) {
      unchanged += 1;
      continue;
    }
    if (version === undefined) added += 1;
    else changed += 1;
    await executor
      .insert(retrievalDocuments)
      .values(document)
      .onConflictDoUpdate({
        target: [retrievalDocuments.source, retrievalDocuments.docId],
        set: {
          title: document.title,
          body: document.body,
          version: document.version,
          updatedAt: document.updatedAt,
        },
      });
  }
  const given = new Set(documents.map((document) => document.docId));
  const gone = options.replace ? existing.filter((row) => !given.has(row.docId)).map((row) => row.docId) : [];
  if (gone.length > 0) {
    await executor
      .delete(retrievalDocuments)
      .where(and(eq(retrievalDocuments.source, source), inArray(retrievalDocuments.docId, gone)));
  }
  return { added, changed, unchanged, removed: gone.length };
}

/**
 * Full-text search of one source: `websearch_to_tsquery` over the words of the query joined by OR
 * (a question's words rarely all appear in one document), ranked by ts_rank_cd.
 */
export async function searchRetrievalDocuments(
  executor: Executor,
  source: string,
  query: string,
  k: number,
): Promise<RetrievalDocumentInput[]> {
  const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return [];
  const text = words.slice(0, 64).join(' or ');
  const tsquery = sql`websearch_to_tsquery('english', ${text})`;
  return executor
    .select({
      source: retrievalDocuments.source,
      docId: retrievalDocuments.docId,
      title: retrievalDocuments.title,
      body: retrievalDocuments.body,
      version: retrievalDocuments.version,
      updatedAt: retrievalDocuments.updatedAt,
    })
    .from(retrievalDocuments)
    .where(and(eq(retrievalDocuments.source, source), sql`${retrievalDocuments.search} @@ ${tsquery}`))
    .orderBy(desc(sql`ts_rank_cd(${retrievalDocuments.search}, ${tsquery})`), asc(retrievalDocuments.docId))
    .limit(k);
}

/** Written after their run records, in the same batch (the foreign key needs the run first). */
export async function insertRetrievedPassages(
  executor: Executor,
  rows: RetrievedPassageRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await executor.insert(retrievedPassages).values(rows).onConflictDoNothing();
}

/** A run's retrieval provenance, in prompt order. */
export async function listRetrievedPassages(
  executor: Executor,
  runId: string,
): Promise<RetrievedPassageRow[]> {
  return executor
    .select()
    .from(retrievedPassages)
    .where(eq(retrievedPassages.runId, runId))
    .orderBy(asc(retrievedPassages.seq));
}

export type SummaryKey = Pick<ContextSummaryRow, 'source' | 'docId' | 'docVersion' | 'summarizer'>;

export async function findContextSummary(
  executor: Executor,
  key: SummaryKey,
): Promise<ContextSummaryRow | undefined> {
  const [row] = await executor
    .select()
    .from(contextSummaries)
    .where(
      and(
        eq(contextSummaries.source, key.source),
        eq(contextSummaries.docId, key.docId),
        eq(contextSummaries.docVersion, key.docVersion),
        eq(contextSummaries.summarizer, key.summarizer),
      ),
    );
  return row;
}

export async function saveContextSummary(executor: Executor, row: ContextSummaryRow): Promise<void> {
  await executor
    .insert(contextSummaries)
    .values(row)
    .onConflictDoUpdate({
      target: [
        contextSummaries.source,
        contextSummaries.docId,
        contextSummaries.docVersion,
        contextSummaries.summarizer,
      ],
      set: { summary: row.summary, createdAt: row.createdAt },
    });
}
