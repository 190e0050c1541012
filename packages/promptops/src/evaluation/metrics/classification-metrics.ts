import type { CaseResult } from '../eval-types.ts';

/** The predicted label of a case whose output named no class: wrong, and shown as its own column. */
export const NO_PREDICTION = '(none)';

export interface ClassMetrics {
  label: string;
  /** Of the cases predicted as this label, the share expected to be it; 0 when none was predicted. */
  precision: number;
  /** Of the cases expected to be this label, the share predicted as it; 0 when none was expected. */
  recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
  /** Cases expected to be this label. */
  support: number;
}

export interface ConfusionMatrix {
  /** Row and column labels: expected and predicted classes, sorted, with `(none)` last if present. */
  labels: string[];
  /** `matrix[expected][predicted]`: case counts, indexed like `labels`. */
  matrix: number[][];
}

export interface ClassificationMetrics {
  /** Cases that carried an expected class. */
  cases: number;
  accuracy: number;
  /** Unweighted mean of the per-class F1 (every class counts the same, however rare). */
  macroF1: number;
  perClass: ClassMetrics[];
  confusion: ConfusionMatrix;
}

/**
 * Accuracy, per-class precision/recall/F1 and the confusion matrix over the cases that carry an
 * `expectedClass`. A case with an expected class but no `predictedClass` (the output named none, or
 * the run failed) counts as wrong under the label `(none)` rather than being dropped, which would
 * flatter the classifier. Classes are the union of expected and predicted labels, as in
 * scikit-learn's `precision_recall_fscore_support` with `zero_division=0`.
 * Returns `undefined` when no case carries an expected class.
 *
 * @example
 * classificationMetrics(results)?.perClass.find((entry) => entry.label === 'refund')?.recall
 */
export function classificationMetrics(results: readonly CaseResult[]): ClassificationMetrics | undefined {
  const pairs = results
    .filter((result) => result.expectedClass !== undefined)
    .map((result) => ({
      expected: result.expectedClass!,
      predicted: result.predictedClass ?? NO_PREDICTION,
    }));
  if (pairs.length === 0) return undefined;

  const named = new Set<string>();
  for (const pair of pairs) named.add(pair.expected).add(pair.predicted);
  named.delete(NO_PREDICTION);
  const classes = [...named].sort();
  const labels = pairs.some((pair) => pair.predicted === NO_PREDICTION)
    ? [...classes, NO_PREDICTION]
    : classes;
  const index = new Map(labels.map((label, position) => [label, position]));
  const matrix = labels.map(() => labels.map(() => 0));
  for (const pair of pairs) matrix[index.get(pair.expected)!]![index.get(pair.predicted)!]! += 1;

  const perClass = classes.map((label, position): ClassMetrics => {
    const truePositives = matrix[position]![position]!;
    const support = matrix[position]!.reduce((total, count) => total + count, 0);
    const predicted = matrix.reduce((total, row) => total + row[position]!, 0);
    const precision = predicted === 0 ? 0 : truePositives / predicted;
    const recall = support === 0 ? 0 : truePositives / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
  const correct = pairs.filter((pair) => pair.expected === pair.predicted).length;
  const macroF1 =
    perClass.length === 0 ? 0 : perClass.reduce((total, entry) => total + entry.f1, 0) / perClass.length;
  return {
    cases: pairs.length,
    accuracy: correct / pairs.length,
    macroF1,
    perClass,
    confusion: { labels, matrix },
  };
}
