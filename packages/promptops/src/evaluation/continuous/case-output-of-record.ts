import type { RunRecordRow } from '../../store/index.ts';
import type { CaseOutput } from '../eval-types.ts';

/**
 * What an assertion sees of a sampled live run: its record, with the redacted output the recorder
 * stored (never the raw one), so an online assertion reads what a reviewer reads. No `parsed`: JSON
 * assertions parse the redacted text.
 */
export function caseOutputOfRecord(record: RunRecordRow): CaseOutput {
  const fallbacks = Array.isArray(record.fallbacks) ? record.fallbacks : [];
  const verdicts = (Array.isArray(record.verdicts) ? record.verdicts : []) as CaseOutput['verdicts'];
  return {
    output: record.redactedOutput ?? '',
    status: record.status as CaseOutput['status'],
    latencyMs: record.latencyMs,
    // As the eval runner counts it: no model called is $0; a price unknown or not in USD is null.
    costUsd:
      record.model === null && fallbacks.length === 0
        ? 0
        : record.cost !== null && record.currency === 'USD'
          ? record.cost
          : null,
    verdicts: verdicts.map((verdict) => ({
      guard: verdict.guard,
      stage: verdict.stage,
      action: verdict.action,
      ...(verdict.reason !== undefined && { reason: verdict.reason }),
    })),
    ...(record.errorCode !== null && {
      error: { code: record.errorCode, message: record.errorMessage ?? '' },
    }),
  };
}
