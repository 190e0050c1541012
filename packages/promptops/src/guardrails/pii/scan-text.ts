import type { Detector, DetectorContext, Finding } from './detector.ts';
import { DEFAULT_PHONE_REGIONS } from './detector.ts';
import { DETECTORS } from './detectors.ts';
import type { EntityType } from './entity-type.ts';
import { ENTITY_TYPES } from './entity-type.ts';
import { normaliseText, toOriginalSpan } from './normalise-text.ts';

export const DEFAULT_MAX_SCAN_CHARS = 1_000_000;

export interface ScanOptions {
  /** Built-in entity types to look for; all by default. */
  types?: readonly EntityType[];
  /** Extra detectors, e.g. compiled custom recognizers. */
  extraDetectors?: readonly Detector[];
  phoneRegions?: readonly string[];
  /** Characters of the original text scanned; the rest is reported as truncated. */
  maxChars?: number;
  /** Findings scoring below this are dropped. */
  minScore?: number;
}

export interface ScanResult {
  /** Non-overlapping findings in the original text, sorted by position. */
  findings: Finding[];
  truncated: boolean;
  scannedChars: number;
}

function rank(left: Finding, right: Finding): number {
  return (
    right.score - left.score || right.end - right.start - (left.end - left.start) || left.start - right.start
  );
}

/** Keeps the best of overlapping findings: higher score, then longer span, then earlier start. */
export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  const byStart = [...findings].sort((left, right) => left.start - right.start || right.end - left.end);
  const kept: Finding[] = [];
  // Overlaps are decided within clusters of chained overlapping spans, so the work stays near-linear.
  let cluster: Finding[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    const chosen: Finding[] = [];
    for (const finding of cluster.sort(rank)) {
      if (chosen.every((other) => finding.end <= other.start || finding.start >= other.end))
        chosen.push(finding);
    }
    kept.push(...chosen.sort((left, right) => left.start - right.start));
    cluster = [];
  };
  for (const finding of byStart) {
    if (finding.start >= clusterEnd) flush();
    cluster.push(finding);
    clusterEnd = Math.max(clusterEnd, finding.end);
  }
  flush();
  return kept;
}

export function scanText(input: string, options: ScanOptions = {}): ScanResult {
  const maxChars = options.maxChars ?? DEFAULT_MAX_SCAN_CHARS;
  const truncated = input.length > maxChars;
  const original = truncated ? input.slice(0, maxChars) : input;
  const normalised = normaliseText(original);
  const context: DetectorContext = { phoneRegions: options.phoneRegions ?? DEFAULT_PHONE_REGIONS };
  const detectors = [
    ...(options.types ?? ENTITY_TYPES).map((type) => DETECTORS[type]),
    ...(options.extraDetectors ?? []),
  ];
  const minScore = options.minScore ?? 0;
  const mapped = detectors
    .flatMap((detector) => detector(normalised.text, context))
    .filter((finding) => finding.score >= minScore && finding.end > finding.start)
    .map((finding) => {
      const [start, end] = toOriginalSpan(normalised, finding.start, finding.end);
      return { ...finding, start, end, text: original.slice(start, end) };
    });
  return { findings: resolveOverlaps(mapped), truncated, scannedChars: original.length };
}
