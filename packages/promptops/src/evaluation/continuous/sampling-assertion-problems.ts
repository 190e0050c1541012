import type { AssertionSpec } from '../eval-types.ts';
import { checkAssertion } from '../suites/check-assertion.ts';

/** A problem with a prompt's `sampling.assert`, at a path from the content's root. */
export interface SamplingProblem {
  message: string;
  path: (string | number)[];
}

/**
 * The prompt content's `sampling.assert`, checked the way suite assertions are (checkAssertionSpec,
 * through check-assertion.ts). Catalog content keeps only the assertions' shape, so the prompt file
 * loader and the catalog's content check call this to refuse an unknown type or a bad field at load,
 * not when a sampled run is scored.
 *
 * @example
 * samplingAssertionProblems({ sampling: { rate: 0.01, assert: [{ type: 'max-wrods', value: 100 }] } })
 * // [{ message: 'type "max-wrods" is unknown; did you mean "max-words"?', path: ['sampling', 'assert', 0, 'type'] }]
 */
export function samplingAssertionProblems(content: {
  sampling?: { assert?: readonly AssertionSpec[] } | undefined;
}): SamplingProblem[] {
  return (content.sampling?.assert ?? []).flatMap((spec, index) =>
    checkAssertion(spec).map((problem) => ({
      message: problem.message,
      path: ['sampling', 'assert', index, ...(problem.path ?? [])],
    })),
  );
}
