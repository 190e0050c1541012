import { expect } from 'vitest';
import type { CliResult } from './cli-harness.ts';

/**
 * Expects a `--json` failure: exit `exitCode`, nothing on stderr, and on stdout the one envelope
 * `{"error":{"code":...,"message":...}}` with `code` and a message containing `messagePart`.
 */
export function expectJsonError(
  result: CliResult,
  exitCode: number,
  code: string,
  messagePart: string,
): void {
  expect(result.code).toBe(exitCode);
  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout)).toEqual({
    error: expect.objectContaining({
      code,
      message: expect.stringContaining(messagePart),
    }),
  });
}
