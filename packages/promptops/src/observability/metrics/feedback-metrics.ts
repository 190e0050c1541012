import { Counter, type Registry } from 'prom-client';
import type { FeedbackLabels } from '../../evaluation/feedback/index.ts';

const NAME = 'promptops_feedback_total';

/**
 * Counts users' feedback per prompt, version and score bucket (negative, neutral, positive): three
 * buckets whatever scale an application posts, and names proven by a resolved run (`(unknown)`
 * otherwise), so the series stay bounded by the catalog. Counted by the replica that took the
 * post: sum across replicas. Returns the `onFeedback` hook the feedback functions call.
 *
 * @example postRunFeedback({ db, onFeedback: feedbackMetrics(metrics.registry) }, principal, input);
 */
export function feedbackMetrics(registry: Registry): (labels: FeedbackLabels) => void {
  const counter =
    (registry.getSingleMetric(NAME) as Counter<'prompt' | 'version' | 'score'> | undefined) ??
    new Counter({
      name: NAME,
      help: "Users' feedback on runs by score bucket (negative < 0, neutral 0, positive > 0).",
      labelNames: ['prompt', 'version', 'score'],
      registers: [registry],
    });
  return (labels) => {
    try {
      counter.inc({
        prompt: labels.prompt,
        version: labels.version === null ? '' : String(labels.version),
        score: labels.bucket,
      });
    } catch {
      // Metrics never fail a post that is already stored.
    }
  };
}
