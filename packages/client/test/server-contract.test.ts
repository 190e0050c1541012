import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../promptops/src/errors/error-codes.ts';
import type { RunResult as ServerRunResult } from '../../promptops/src/runtime/run-result.ts';
import {
  CLIENT_ERROR_CODES,
  type ClientErrorCode,
  type RunResult,
  SERVER_ERROR_CODES,
  type ServerErrorCode,
} from '../src/index.ts';

// Compile-time halves of the contract (`npm run check` type-checks this file): the server's codes and
// the client's are the same union, and the server's run result still fits the client's type.
// A failure names the code to add to (or remove from) packages/client/src/error-codes.ts.
type Unlisted = Exclude<ErrorCode, ServerErrorCode>;
type Stale = Exclude<ServerErrorCode, ErrorCode>;
const sameCodes: [Unlisted | Stale] extends [never]
  ? true
  : { 'add to packages/client/src/error-codes.ts': Unlisted; 'remove from it': Stale } = true;
const runResultFits: [ServerRunResult] extends [RunResult]
  ? true
  : 'the server RunResult no longer fits the client one' = true;
const serverCodesAreClientCodes: [ErrorCode] extends [ClientErrorCode] ? true : false = true;

describe('the client and the server agree', () => {
  it('on the list of error codes, so a new server code cannot go unnoticed', () => {
    expect([sameCodes, runResultFits, serverCodesAreClientCodes]).toEqual([true, true, true]);
    expect([...SERVER_ERROR_CODES].sort()).toEqual(Object.keys(ERROR_CODES).sort());
    expect(new Set(SERVER_ERROR_CODES).size).toBe(SERVER_ERROR_CODES.length);
  });

  it('keeps the client-side codes apart from the server table', () => {
    for (const code of CLIENT_ERROR_CODES) expect(Object.keys(ERROR_CODES)).not.toContain(code);
  });
});
