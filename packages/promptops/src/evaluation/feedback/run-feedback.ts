import { PromptopsError } from '../../errors/index.ts';
import { authorize, type Principal } from '../../governance/access/index.ts';
import { mutate } from '../../governance/audit/index.ts';
import {
  type Database,
  findRunRecord,
  insertRunFeedback,
  listRunFeedback,
  type RunFeedbackRow,
} from '../../store/index.ts';

/** What feedback needs: the store and a clock. */
export interface FeedbackDeps {
  db: Database;
  clock?: () => Date;
  /** Told of each stored post with labels safe for metrics (observability/metrics/feedback-metrics.ts). */
  onFeedback?: (labels: FeedbackLabels) => void;
}

/** A post as metrics count it: the prompt's name only when the run proved it real, and the bucket. */
export interface FeedbackLabels {
  prompt: string;
  version: number | null;
  bucket: FeedbackBucket;
}

/** Errors meaning a run's name was the caller's own text (as observability/run-name.ts). */
const UNKNOWN_NAME_ERRORS = new Set(['prompt_not_found', 'model_not_found', 'invalid_argument']);

/** The longest comment a piece of feedback takes. */
export const MAX_FEEDBACK_COMMENT_CHARS = 2_000;
/** Where feedback came from (`web-widget`, `zendesk`): a short word, so it can never carry a message. */
export const FEEDBACK_SOURCE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The three buckets the metrics count scores in, so labels stay bounded whatever scale apps use. */
export type FeedbackBucket = 'negative' | 'neutral' | 'positive';

/** -1 ≤ score < 0 is negative, 0 neutral, 0 < score ≤ 1 positive. */
export function feedbackBucket(score: number): FeedbackBucket {
  return score < 0 ? 'negative' : score > 0 ? 'positive' : 'neutral';
}

export interface FeedbackInput {
  runId: string;
  /** From -1 (bad) to 1 (good); thumbs are -1 / 1, a 1–5 star rating maps to (stars - 3) / 2. */
  score: number;
  comment?: string;
  source?: string;
}

export interface Feedback {
  id: number;
  runId: string;
  prompt: string;
  version: number | null;
  score: number;
  bucket: FeedbackBucket;
  comment: string | null;
  source: string | null;
  postedBy: string;
  postedAt: string;
}

/**
 * A user's feedback on a run, posted by the application that ran it (issue 10, item 1). It needs
 * prompt-run on the run's prompt — the right the application's token runs it with — and goes
 * through the audited mutation funnel; the audit entry holds the score and bucket, never the
 * comment (it may quote the user). A run is known once its record is written: records are written
 * in batches, so feedback posted within the same second as the run may get run_not_found.
 */
export async function postRunFeedback(
  deps: FeedbackDeps,
  principal: Principal,
  input: FeedbackInput,
): Promise<Feedback> {
  if (!Number.isFinite(input.score) || input.score < -1 || input.score > 1) {
    throw new PromptopsError('invalid_argument', `score is a number from -1 to 1, not ${input.score}`, {
      parameter: 'score',
    });
  }
  const comment = input.comment?.trim() || null;
  if (comment !== null && comment.length > MAX_FEEDBACK_COMMENT_CHARS) {
    throw new PromptopsError(
      'invalid_argument',
      `a comment has at most ${MAX_FEEDBACK_COMMENT_CHARS} characters`,
      { parameter: 'comment' },
    );
  }
  if (input.source !== undefined && !FEEDBACK_SOURCE_PATTERN.test(input.source)) {
    throw new PromptopsError(
      'invalid_argument',
      'source is a short lower-case word (letters, digits, ".", "_", "-"; at most 64), like web-widget',
      { parameter: 'source' },
    );
  }
  const record = await findRunRecord(deps.db, input.runId);
  if (!record) throw runNotFound(input.runId);
  authorize(principal, 'prompt-run', record.prompt);
  const feedback = await mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const row = await insertRunFeedback(context.tx, {
      runId: record.id,
      prompt: record.prompt,
      version: record.version,
      score: input.score,
      comment,
      source: input.source ?? null,
      postedBy: principal.actor,
      postedAt: context.now(),
    });
    context.audit({
      action: 'feedback-create',
      targetKind: 'prompt',
      target: record.prompt,
      details: {
        feedback: row.id,
        run: record.id,
        version: record.version,
        score: input.score,
        bucket: feedbackBucket(input.score),
        commented: comment !== null,
        source: row.source,
      },
    });
    return toFeedback(row);
  });
  const known = record.version !== null || !UNKNOWN_NAME_ERRORS.has(record.errorCode ?? '');
  deps.onFeedback?.({
    prompt: known ? record.prompt : '(unknown)',
    version: record.version,
    bucket: feedback.bucket,
  });
  return feedback;
}

/** The feedback on a run, oldest first (the caller has already read the run: run-read). */
export async function feedbackOnRun(deps: FeedbackDeps, runId: string): Promise<Feedback[]> {
  return (await listRunFeedback(deps.db, runId)).map(toFeedback);
}

export function runNotFound(runId: string): PromptopsError {
  return new PromptopsError(
    'run_not_found',
    `no run record ${runId} (records are written in batches: a run from the last second may not be there yet)`,
    { runId },
  );
}

function toFeedback(row: RunFeedbackRow): Feedback {
  return {
    id: row.id,
    runId: row.runId,
    prompt: row.prompt,
    version: row.version,
    score: row.score,
    bucket: feedbackBucket(row.score),
    comment: row.comment,
    source: row.source,
    postedBy: row.postedBy,
    postedAt: row.postedAt.toISOString(),
  };
}
