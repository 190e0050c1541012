import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import { retryDelayMs } from '../../governance/events/deliver-webhooks.ts';
import {
  claimDueSamples,
  type Database,
  findRunRecord,
  type RunSampleRow,
  recordSampleScore,
} from '../../store/index.ts';
import type { AssertionServices } from '../eval-types.ts';
import { type JudgeVerdict, scoreSample } from './score-sample.ts';

/** Attempts before a sample is given up on (a judge that keeps failing: about 40 minutes of retries). */
export const SCORE_ATTEMPTS = 8;
/** A claimed sample is taken by any worker after this, should its worker die mid-scoring. */
const LEASE_MS = 120_000;

export interface ScoreSamplesOptions {
  db: Database;
  /** A prompt version's content (immutable, so a cache may answer). */
  readVersion(prompt: string, version: number): Promise<PromptContent>;
  /** The judge for rubrics (and `llm-rubric` / `similar` assertions); absent ones leave those unmeasured. */
  services: AssertionServices;
  clock?: () => Date;
  /** Samples claimed per pass. */
  batch?: number;
  /** Asked between samples: once true, claimed samples not yet scored are handed back at once. */
  stopping?: () => boolean;
}

export interface SampleOutcome {
  id: number;
  runId: string;
  prompt: string;
  version: number;
  /** scored; pending: will be tried again (judge or store failure); failed: given up. */
  status: 'scored' | 'pending' | 'failed';
  pass: boolean | null;
  judge: JudgeVerdict | null;
  error: string | null;
}

/**
 * One pass of the scoring worker: claims due samples (leased with SKIP LOCKED in a short
 * transaction of its own, so replicas share the queue and a slow judge never holds the database),
 * scores each outside any transaction and stores the outcome. A judge that throws, or a failure to
 * read what the sample needs, is retried with the webhook dispatcher's backoff up to SCORE_ATTEMPTS;
 * on the last attempt a failing judge is recorded as unmeasured and the assertions still count.
 */
export async function scoreDueSamples(options: ScoreSamplesOptions): Promise<SampleOutcome[]> {
  const clock = options.clock ?? (() => new Date());
  const now = clock();
  const claimed = await options.db.transaction((tx) =>
    claimDueSamples(tx, now, new Date(now.getTime() + LEASE_MS), options.batch ?? 20),
  );
  const outcomes: SampleOutcome[] = [];
  for (const [index, sample] of claimed.entries()) {
    if (options.stopping?.()) {
      await handBack(options.db, claimed.slice(index), clock());
      break;
    }
    outcomes.push(await scoreOne(options, sample, clock));
  }
  return outcomes;
}

async function scoreOne(
  options: ScoreSamplesOptions,
  sample: RunSampleRow,
  clock: () => Date,
): Promise<SampleOutcome> {
  const attempts = sample.attempts + 1;
  const last = attempts >= SCORE_ATTEMPTS;
  const outcome = { id: sample.id, runId: sample.runId, prompt: sample.prompt, version: sample.version };
  try {
    const record = await findRunRecord(options.db, sample.runId);
    if (!record) throw new Error(`run record ${sample.runId} is gone`);
    const content = await options.readVersion(sample.prompt, sample.version);
    const scored = await scoreSample(record, content.sampling ?? {}, options.services);
    const judgeError = scored.judgeError === null ? null : `judge failed: ${scored.judgeError}`;
    if (judgeError !== null && !last) {
      await retryLater(options.db, sample.id, attempts, clock(), judgeError);
      return { ...outcome, status: 'pending', pass: scored.pass, judge: scored.judge, error: judgeError };
    }
    await recordSampleScore(options.db, sample.id, {
      status: 'scored',
      attempts,
      nextAttemptAt: clock(),
      lastError: judgeError,
      scoredAt: clock(),
      pass: scored.pass,
      score: scored.score,
      assertions: scored.assertions,
      judge: scored.judge,
      judgeScore: scored.judge && 'score' in scored.judge ? scored.judge.score : null,
    });
    return { ...outcome, status: 'scored', pass: scored.pass, judge: scored.judge, error: judgeError };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (last) {
      await recordSampleScore(options.db, sample.id, {
        status: 'failed',
        attempts,
        nextAttemptAt: clock(),
        lastError: message,
      });
    } else {
      await retryLater(options.db, sample.id, attempts, clock(), message);
    }
    return { ...outcome, status: last ? 'failed' : 'pending', pass: null, judge: null, error: message };
  }
}

function retryLater(db: Database, id: number, attempts: number, now: Date, error: string): Promise<void> {
  return recordSampleScore(db, id, {
    attempts,
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
    lastError: error,
  });
}

/** Claimed samples a stopping worker did not get to: due again now, for whichever worker is next. */
async function handBack(db: Database, samples: readonly RunSampleRow[], now: Date): Promise<void> {
  for (const sample of samples) await recordSampleScore(db, sample.id, { nextAttemptAt: now });
}
