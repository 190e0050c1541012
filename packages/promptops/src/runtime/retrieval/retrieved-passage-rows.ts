import type { RetrievedPassageRow } from '../../store/index.ts';
import type { RunResult } from '../run-result.ts';

/** A run's retrieval provenance as rows of retrieved_passages, children of its run record. */
export function retrievedPassageRows(result: RunResult): RetrievedPassageRow[] {
  return (result.retrieved ?? []).map((record, seq) => ({
    runId: result.runId,
    seq,
    prompt: result.prompt,
    source: record.source,
    passageId: record.id,
    docId: record.docId,
    docVersion: record.version ?? null,
    title: record.title ?? null,
    tokens: record.tokens,
    form: record.form,
  }));
}
