import type { ErrorCode } from './error-codes.ts';

const MARKER = Symbol.for('promptops.error');

/** Where in a project file a problem is: every file error names the file, and line and field when known. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
  field?: string;
}

export interface ErrorDetails {
  location?: SourceLocation;
  /** Further problems found in the same pass (a file with three wrong fields reports all three). */
  issues?: { message: string; location?: SourceLocation }[];
  [key: string]: unknown;
}

/**
 * The one base error. Identity survives duplicate package copies through a `Symbol.for` marker
 * (the same trick as the AI SDK's `AISDKError.isInstance`).
 */
export class PromptopsError extends Error {
  readonly [MARKER] = true;
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PromptopsError';
    this.code = code;
    this.details = details;
  }

  static isInstance(value: unknown): value is PromptopsError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  toJSON(): { code: ErrorCode; message: string; details: ErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Renders a location the way editors and terminals link it: `file:line:column (field)`. */
export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
  if (location.field) text += ` (${location.field})`;
  return text;
}
