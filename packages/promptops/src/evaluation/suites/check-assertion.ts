import { checkAssertionSpec } from '../assertions/index.ts';
import type { AssertionSpec } from '../eval-types.ts';

/** A problem with one assertion spec; `path` is relative to the spec (`['path']` for json-path's path). */
export interface AssertionSpecProblem {
  message: string;
  path?: (string | number)[];
}

/**
 * The one place suite loading checks an assertion: the assertions module's own check, whose message
 * starts with the field it is about (`path is required…`, `value.action must…`), so the problem is
 * located at that field when the spec has it, else at the assertion.
 */
export function checkAssertion(spec: AssertionSpec): AssertionSpecProblem[] {
  const message = checkAssertionSpec(spec);
  if (message === undefined) return [];
  const field = /^([A-Za-z_][\w-]*)\b/.exec(message)?.[1];
  return [{ message, path: field !== undefined && Object.hasOwn(spec, field) ? [field] : [] }];
}
