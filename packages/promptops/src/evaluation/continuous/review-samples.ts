import { PromptopsError } from '../../errors/index.ts';
import { authorize, grantedPrefixes, type Principal } from '../../governance/access/index.ts';
import { mutate } from '../../governance/audit/index.ts';
import {
  type Database,
  findRunSample,
  listRunSamples,
  type RunSampleWithRecord,
  rateRunSample,
  sampleStats,
} from '../../store/index.ts';
import type { AssertionResult } from '../eval-types.ts';
import type { JudgeVerdict } from './score-sample.ts';

/** What reviewing sampled runs needs: the store and a clock. */
export interface SampleReviewDeps {
  db: Database;
  clock?: () => Date;
}

export const RATINGS = ['good', 'bad'] as const;
export type Rating = (typeof RATINGS)[number];

/** The longest comment a rating takes. */
const MAX_COMMENT_CHARS = 2_000;

/** A sampled live run as the review queue shows it: the redacted run, its scores and its rating. */
export interface SampleSummary {
  id: number;
  runId: string;
  prompt: string;
  version: number;
  environment: string | null;
  /** The run's own outcome: ok, uncertain, escalated, blocked or failed. */
  runStatus: string;
  startedAt: string;
  sampledAt: string;
  /** Redacted: canonical JSON of the variables, and the output, with personal data and secrets replaced. */
  input: string | null;
  output: string | null;
  scoring: { status: 'pending' | 'scored' | 'failed'; attempts: number; error: string | null };
  pass: boolean | null;
  score: number | null;
  assertions: AssertionResult[];
  judge: JudgeVerdict | null;
  rating: { rating: Rating; comment: string | null; by: string; at: string } | null;
}

export const SCORING_STATES = ['pending', 'scored', 'failed'] as const;
export type ScoringState = (typeof SCORING_STATES)[number];

export interface SampleFilter {
  prompt?: string;
  version?: number;
  /** Only samples nobody has rated: the review queue. */
  unrated?: boolean;
  /** Only samples a person rated so. */
  rating?: Rating;
  /** Only samples in this scoring state. */
  scoring?: ScoringState;
  limit?: number;
  /** The next page: samples older than this id. */
  before?: number;
}

/** One page of the review queue; `nextBefore` (null on the last page) is the next page's `before`. */
export interface SamplePage {
  items: SampleSummary[];
  nextBefore: number | null;
}

/**
 * Sampled live runs, newest first (run-read: they show the redacted input and output). With a
 * prompt name the caller needs run-read on it; without one they see the prompts their roles cover.
 */
export async function listSamples(
  deps: SampleReviewDeps,
  principal: Principal,
  filter: SampleFilter = {},
): Promise<SampleSummary[]> {
  return (await listSamplePage(deps, principal, filter)).items;
}

/** `listSamples` with the position of the next page (the REST API's cursor). */
export async function listSamplePage(
  deps: SampleReviewDeps,
  principal: Principal,
  filter: SampleFilter = {},
): Promise<SamplePage> {
  if (filter.prompt !== undefined) authorize(principal, 'run-read', filter.prompt);
  if (filter.version !== undefined && filter.prompt === undefined) {
    throw new PromptopsError('invalid_argument', 'a version filter needs a prompt name', {
      parameter: 'version',
    });
  }
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  const rows = await listRunSamples(deps.db, {
    ...(filter.prompt !== undefined && { prompt: filter.prompt }),
    ...(filter.version !== undefined && { version: filter.version }),
    ...(filter.unrated && { unrated: true }),
    ...(filter.rating !== undefined && { rating: filter.rating }),
    ...(filter.scoring !== undefined && { status: filter.scoring }),
    ...(filter.before !== undefined && { beforeId: filter.before }),
    namePrefixes: grantedPrefixes(principal, 'run-read'),
    // One more than asked: whether there is a next page, without an empty last one.
    limit: limit + 1,
  });
  const items = rows.slice(0, limit).map(toSummary);
  return { items, nextBefore: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

/** One sample; sample_not_found when there is none, forbidden without run-read on its prompt. */
export async function showSample(
  deps: SampleReviewDeps,
  principal: Principal,
  id: number,
): Promise<SampleSummary> {
  const found = await findRunSample(deps.db, id);
  if (!found) throw sampleNotFound(id);
  authorize(principal, 'run-read', found.sample.prompt);
  return toSummary(found);
}

export interface RateSampleInput {
  id: number;
  rating: Rating;
  comment?: string;
}

/**
 * A person's rating of a sampled run (sample-rate: reviewers of the prompt), through the audited
 * mutation funnel. The first rating wins: a sample is rated once, and a second rating — racing or
 * late — is a `conflict` naming who rated it, never a silent overwrite or a mix of the two.
 */
export async function rateSample(
  deps: SampleReviewDeps,
  principal: Principal,
  input: RateSampleInput,
): Promise<SampleSummary> {
  if (!RATINGS.includes(input.rating)) {
    throw new PromptopsError('invalid_argument', `rating must be good or bad, not "${input.rating}"`, {
      parameter: 'rating',
    });
  }
  const comment = input.comment?.trim() || null;
  if (comment !== null && comment.length > MAX_COMMENT_CHARS) {
    throw new PromptopsError('invalid_argument', `a comment has at most ${MAX_COMMENT_CHARS} characters`, {
      parameter: 'comment',
    });
  }
  const found = await findRunSample(deps.db, input.id);
  if (!found) throw sampleNotFound(input.id);
  authorize(principal, 'sample-rate', found.sample.prompt);
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const rated = await rateRunSample(context.tx, input.id, {
      rating: input.rating,
      ratingComment: comment,
      ratedBy: principal.actor,
      ratedAt: context.now(),
    });
    if (!rated) {
      const current = await findRunSample(context.tx, input.id);
      if (!current) throw sampleNotFound(input.id);
      const { sample } = current;
      throw new PromptopsError(
        'conflict',
        `sample ${input.id} was already rated ${sample.rating} by ${sample.ratedBy} at ${sample.ratedAt?.toISOString()}; the first rating stands`,
        { sample: input.id, rating: sample.rating, ratedBy: sample.ratedBy },
      );
    }
    context.audit({
      action: 'sample-rate',
      targetKind: 'prompt',
      target: rated.prompt,
      // The comment stays with the sample: it may quote the customer, and audit entries hold references.
      details: {
        sample: rated.id,
        run: rated.runId,
        version: rated.version,
        rating: input.rating,
        commented: comment !== null,
      },
    });
    return toSummary({ sample: rated, record: found.record });
  });
}

/** Continuous-evaluation scores of one prompt version. Rates are null when there is nothing to divide. */
export interface VersionSampleScores {
  version: number;
  samples: number;
  scored: number;
  pending: number;
  failed: number;
  /** Share of scored samples whose online assertions passed, of those where any were measured. */
  onlinePassRate: number | null;
  onlineMeasured: number;
  /** Mean judge score (0..1) of the samples the judge graded. */
  judgeMean: number | null;
  judged: number;
  good: number;
  bad: number;
  /** good / (good + bad). */
  goodRate: number | null;
}

/**
 * Per version of a prompt, newest first: samples taken, scored, online pass rate, judge mean and
 * the human good/bad counts and rate (catalog-read, as the version's eval scores are).
 */
export async function sampleScores(
  deps: SampleReviewDeps,
  principal: Principal,
  prompt: string,
): Promise<VersionSampleScores[]> {
  authorize(principal, 'catalog-read', prompt);
  const rows = await sampleStats(deps.db, prompt);
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  return rows.map((row) => ({
    version: row.version,
    samples: row.samples,
    scored: row.scored,
    pending: row.samples - row.scored - row.failed,
    failed: row.failed,
    onlinePassRate: share(row.passed, row.measured),
    onlineMeasured: row.measured,
    judgeMean: row.judgeMean,
    judged: row.judged,
    good: row.good,
    bad: row.bad,
    goodRate: share(row.good, row.good + row.bad),
  }));
}

function sampleNotFound(id: number): PromptopsError {
  return new PromptopsError(
    'sample_not_found',
    `no sampled run ${id}; \`promptops samples list\` shows them`,
    {
      sample: id,
    },
  );
}

function toSummary({ sample, record }: RunSampleWithRecord): SampleSummary {
  return {
    id: sample.id,
    runId: sample.runId,
    prompt: sample.prompt,
    version: sample.version,
    environment: record.environment,
    runStatus: record.status,
    startedAt: record.startedAt.toISOString(),
    sampledAt: sample.sampledAt.toISOString(),
    input: record.redactedInput,
    output: record.redactedOutput,
    scoring: {
      status: sample.status as SampleSummary['scoring']['status'],
      attempts: sample.attempts,
      error: sample.lastError,
    },
    pass: sample.pass,
    score: sample.score,
    assertions: (sample.assertions ?? []) as AssertionResult[],
    judge: sample.judge as JudgeVerdict | null,
    rating:
      sample.rating === null
        ? null
        : {
            rating: sample.rating as Rating,
            comment: sample.ratingComment,
            by: sample.ratedBy ?? '',
            at: sample.ratedAt?.toISOString() ?? '',
          },
  };
}
