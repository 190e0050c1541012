/**
 * Error bodies in each provider's own shape, so clients parse them as they would the real ones.
 * OpenAI: https://platform.openai.com/docs/guides/error-codes
 * Anthropic: https://docs.anthropic.com/en/api/errors (529 is its "overloaded").
 */

interface OpenaiErrorKind {
  type: string;
  code: string | null;
}

const OPENAI_ERRORS: Record<number, OpenaiErrorKind> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory' },
  404: { type: 'invalid_request_error', code: null },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
  500: { type: 'server_error', code: null },
  503: { type: 'server_error', code: null },
};

const ANTHROPIC_ERRORS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'api_error',
  529: 'overloaded_error',
};

/** What a fault's status says when the rule gives no message: always marked as scripted. */
const FAULT_MESSAGES: Record<number, string> = {
  401: 'Incorrect API key provided (scripted model server)',
  429: 'Rate limit reached (scripted fault)',
  500: 'The server had an error while processing your request (scripted fault)',
  503: 'The service is temporarily unavailable (scripted fault)',
  529: 'Overloaded (scripted fault)',
};

export function faultMessage(status: number): string {
  return FAULT_MESSAGES[status] ?? `HTTP ${status} (scripted fault)`;
}

export function openaiErrorBody(status: number, message: string): string {
  const kind = OPENAI_ERRORS[status] ?? {
    type: status >= 500 ? 'server_error' : 'invalid_request_error',
    code: null,
  };
  return JSON.stringify({ error: { message, type: kind.type, param: null, code: kind.code } });
}

export function anthropicErrorBody(status: number, message: string): string {
  const type = ANTHROPIC_ERRORS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  return JSON.stringify({ type: 'error', error: { type, message } });
}
