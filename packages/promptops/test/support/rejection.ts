import { PromptopsError } from '../../src/errors/index.ts';

/** The PromptopsError a promise rejects with (fails the test when it resolves or throws anything else). */
export async function rejection(promise: Promise<unknown>): Promise<PromptopsError> {
  try {
    await promise;
  } catch (error) {
    if (PromptopsError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a PromptopsError, but the call succeeded');
}
