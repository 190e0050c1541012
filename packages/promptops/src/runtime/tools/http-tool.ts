import { createHmac } from 'node:crypto';
import type { HttpToolConfig } from '../../catalog/files/http-tool-config.ts';
import type { ToolHandler } from './tool-handler.ts';

export const SIGNATURE_HEADER = 'x-promptops-signature';
export const TIMESTAMP_HEADER = 'x-promptops-timestamp';

/**
 * The signature an HTTP tool checks: `sha256=` and the hex HMAC-SHA256 of `<timestamp>.<body>` with
 * the shared key. The timestamp (Unix seconds) is signed so a captured request cannot be replayed
 * later; the tool should refuse one older than a few minutes.
 */
export function signToolRequest(key: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * A handler that POSTs `{ tool, arguments, run_id, prompt, call_id }` to the configured URL, signed.
 * The key is read from its variable on each call (never kept in configuration); a missing key, a
 * non-2xx status or a body that is not JSON is a failed call.
 */
export function createHttpToolHandler(
  name: string,
  config: HttpToolConfig,
  environment: Record<string, string | undefined> = process.env,
): ToolHandler {
  return async (args, context) => {
    const key = environment[config.secret_env];
    if (!key)
      throw new Error(`HTTP tool ${name}: ${config.secret_env} is not set, so the request cannot be signed`);
    const body = JSON.stringify({
      tool: name,
      arguments: args,
      run_id: context.runId,
      prompt: context.prompt,
      call_id: context.callId,
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(config.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signToolRequest(key, timestamp, body),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.any([context.signal, AbortSignal.timeout(config.timeout_ms)]),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP tool ${name} answered ${response.status}`);
    try {
      return text === '' ? null : JSON.parse(text);
    } catch {
      throw new Error(`HTTP tool ${name} answered with a body that is not JSON`);
    }
  };
}
