import { type Database, findContextSummary, saveContextSummary } from '../../store/index.ts';
import type { Passage } from './passage.ts';

/** The run a summary is made for: the summarizer is served in its environment, as its child run. */
export interface SummaryRunContext {
  environment?: string;
  parentRunId: string;
}

/** Runs the summarizer prompt on one document: its answer, or why there is none. */
export type Summarize = (
  prompt: string,
  variables: { title: string; text: string },
  run: SummaryRunContext,
) => Promise<{ ok: true; text: string } | { ok: false; reason: string }>;

export interface SummaryCacheOptions {
  db: Database;
  ttlMs: number;
  /** The summarizer's served version, for the cache key. */
  summarizerVersion(prompt: string, environment: string | undefined): Promise<number>;
  summarize: Summarize;
  now?: () => number;
}

/**
 * Cached summaries of long documents (issue 9, item 6): keyed by source, document, document version
 * and `summarizer#version`, so an edited document or a new summarizer version misses; a summary
 * older than the TTL is made again. Passages without a version (an HTTP retriever that gives none)
 * are keyed by a hash of their text instead. Returns `hit` so runs and tests can tell.
 */
export function createSummaryCache(options: SummaryCacheOptions) {
  const now = options.now ?? (() => Date.now());
  return {
    async summary(
      prompt: string,
      passage: Passage & { version: string },
      run: SummaryRunContext,
    ): Promise<{ ok: true; text: string; hit: boolean } | { ok: false; reason: string }> {
      const key = {
        source: passage.source,
        docId: passage.docId,
        docVersion: passage.version,
        summarizer: `${prompt}#${await options.summarizerVersion(prompt, run.environment)}`,
      };
      const cached = await findContextSummary(options.db, key);
      if (cached && now() - cached.createdAt.getTime() < options.ttlMs)
        return { ok: true, text: cached.summary, hit: true };
      const made = await options.summarize(
        prompt,
        { title: passage.title ?? passage.docId, text: passage.text },
        run,
      );
      if (!made.ok) return made;
      await saveContextSummary(options.db, { ...key, summary: made.text, createdAt: new Date(now()) });
      return { ok: true, text: made.text, hit: false };
    },
  };
}

export type SummaryCache = ReturnType<typeof createSummaryCache>;
