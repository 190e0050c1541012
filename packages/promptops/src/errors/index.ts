export { ERROR_CODES, type ErrorCode, exitCodeOf, httpStatusOf } from './error-codes.ts';
export { type ErrorDetails, formatLocation, PromptopsError, type SourceLocation } from './promptops-error.ts';
export { suggestName } from './suggest-name.ts';
