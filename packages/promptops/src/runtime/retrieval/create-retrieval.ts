import { createHash } from 'node:crypto';
import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import type { ProjectConfig } from '../../catalog/files/project-config.ts';
import { PromptopsError } from '../../errors/index.ts';
import { type Policies, retrievalRefusal } from '../../governance/policies/index.ts';
import type { GuardDetectors } from '../../guardrails/create-guard-hooks.ts';
import type { Database } from '../../store/index.ts';
import { countTextTokens } from '../../templates/token-count.ts';
import { httpRetriever } from './http-retriever.ts';
import {
  type Passage,
  passageId,
  type RetrievalRecord,
  type RetrievedPassage,
  type Retriever,
} from './passage.ts';
import { postgresRetriever } from './postgres-retriever.ts';
import { passageEntities, redactPassageText } from './redact-passage.ts';
import { createSummaryCache, type Summarize } from './summary-cache.ts';

/** A passage cut to fit the budget keeps at least this many tokens, or is left out. */
const MIN_CUT_TOKENS = 40;

export interface RetrievalRuntimeOptions {
  db: Database;
  config: Pick<ProjectConfig, 'retrieval'>;
  policies: Pick<Policies, 'retrieval_by_classification' | 'guards' | 'tiers' | 'guards_by_classification'>;
  detectors: GuardDetectors;
  /** Summaries of long passages (context.retrieval.summarize): the summarizer's version and a run of it. */
  summarizer?: {
    version(prompt: string, environment: string | undefined): Promise<number>;
    run: Summarize;
  };
  /** Where HTTP retrievers read their signing keys; the process environment by default. */
  environment?: Record<string, string | undefined>;
  now?: () => number;
}

/** The run a retrieval is for. */
export interface RetrievalRun {
  prompt: string;
  runId: string;
  environment: string | null;
  signal?: AbortSignal;
}

export interface Retrieval {
  /** What the template gets as `retrieved`. */
  retrieved: RetrievedPassage[];
  /** Provenance, for the run record. */
  records: RetrievalRecord[];
  warnings: string[];
}

/**
 * The runtime's retrieval part (docs/retrieval.md): for a version with `context.retrieval`, checks
 * every source against the retrieval policy (a refused source fails the run with
 * `retrieval_refused`), searches each for the query variable's value, redacts the passages by the
 * prompt's guard policies, swaps long ones for their cached summary when the version asks, and
 * keeps what fits the token budget, best-ranked first (sources interleaved by rank).
 */
export function createRetrievalRuntime(options: RetrievalRuntimeOptions) {
  const sources = options.config.retrieval.sources;
  const summaries =
    options.summarizer &&
    createSummaryCache({
      db: options.db,
      ttlMs: options.config.retrieval.summaries.ttl_s * 1000,
      summarizerVersion: options.summarizer.version,
      summarize: options.summarizer.run,
      ...(options.now && { now: options.now }),
    });

  function retrieverFor(name: string, run: RetrievalRun): Retriever {
    const config = sources[name]!;
    // A `files` source's folder is loaded into the same table on push.
    if (config.kind === 'http') return httpRetriever(name, config, run, options.environment);
    return postgresRetriever(options.db, name);
  }

  return {
    async retrieve(
      run: RetrievalRun,
      content: PromptContent,
      variables: Record<string, unknown>,
    ): Promise<Retrieval | undefined> {
      const spec = content.context?.retrieval;
      if (!spec) return undefined;
      for (const source of spec.sources) {
        const refusal = retrievalRefusal(
          {
            prompt: run.prompt,
            classification: content.classification,
            source,
            config: sources[source],
            environment: run.environment,
          },
          options.policies,
        );
        if (refusal) {
          throw new PromptopsError('retrieval_refused', refusal, {
            prompt: run.prompt,
            source,
            promptClassification: content.classification,
            sourceClassification: sources[source]?.classification ?? null,
            environment: run.environment,
          });
        }
      }
      const warnings: string[] = [];
      const query = String(variables[spec.query_variable] ?? '').trim();
      if (query === '') return { retrieved: [], records: [], warnings };
      const found = await Promise.all(
        spec.sources.map((source) => retrieverFor(source, run).search(query, spec.k)),
      );
      const entities = passageEntities(content, options.policies);
      const retrieved: RetrievedPassage[] = [];
      const records: RetrievalRecord[] = [];
      let left = spec.max_tokens;
      let redactions = 0;
      const seen = new Set<string>();
      for (const passage of interleave(found)) {
        const id = passageId(passage);
        if (seen.has(id)) continue;
        seen.add(id);
        const clean = redactPassageText(passage.text, entities, options.detectors);
        redactions += clean.redacted;
        let text = clean.text;
        let form: RetrievalRecord['form'] = 'passage';
        if (spec.summarize && summaries && countTextTokens(text) > spec.summarize.over_tokens) {
          const summary = await summaries.summary(
            spec.summarize.prompt,
            { ...passage, text, version: passage.version ?? textHash(passage.text) },
            { parentRunId: run.runId, ...(run.environment !== null && { environment: run.environment }) },
          );
          if (summary.ok) {
            // The summarizer saw redacted text; its answer is checked again all the same.
            text = redactPassageText(summary.text, entities, options.detectors).text;
            form = 'summary';
          } else {
            warnings.push(`${id}: no summary (${summary.reason}); the passage is used as retrieved`);
          }
        }
        let tokens = countTextTokens(text);
        if (tokens > left) {
          if (left < MIN_CUT_TOKENS) {
            warnings.push(`${id} left out: the retrieval budget of ${spec.max_tokens} tokens is spent`);
            continue;
          }
          text = cutToTokens(text, left);
          tokens = countTextTokens(text);
          form = 'cut';
        }
        left -= tokens;
        const title = passage.title ?? passage.docId;
        retrieved.push({ id, title, text });
        records.push({
          id,
          source: passage.source,
          docId: passage.docId,
          ...(passage.version !== undefined && { version: passage.version }),
          title,
          tokens,
          form,
        });
      }
      if (redactions > 0)
        warnings.push(`${redactions} piece(s) of personal data redacted from retrieved passages`);
      return { retrieved, records, warnings };
    },
  };
}

export type RetrievalRuntime = ReturnType<typeof createRetrievalRuntime>;

/** Best of each source first, then second best of each, …: no source crowds the others out. */
function interleave(lists: Passage[][]): Passage[] {
  const out: Passage[] = [];
  const longest = Math.max(0, ...lists.map((list) => list.length));
  for (let rank = 0; rank < longest; rank += 1) {
    for (const list of lists) if (list[rank]) out.push(list[rank]!);
  }
  return out;
}

/** The longest start of `text`, cut at a word, that fits `budget` tokens, with an ellipsis. */
function cutToTokens(text: string, budget: number): string {
  let end = Math.min(text.length, Math.floor((text.length * budget) / Math.max(1, countTextTokens(text))));
  while (end > 0) {
    const cut = `${text.slice(0, end).replace(/\s+\S*$/, '')}…`;
    if (countTextTokens(cut) <= budget) return cut;
    end = Math.floor(end * 0.9);
  }
  return '';
}

function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
