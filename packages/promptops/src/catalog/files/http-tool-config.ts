import { z } from 'zod';
import { EnvironmentVariableName } from './provider-config.ts';

/**
 * promptops.yaml `tools:` — tools the application serves over HTTP (docs/tools.md). The runtime POSTs
 * each call's arguments as JSON and signs the request with an HMAC key read from the named variable
 * when the call is made; the key itself is never written in the file. The URL must be http(s) and
 * carry no credentials.
 */
export const HttpToolConfig = z
  .strictObject({
    url: z
      .string()
      .superRefine((text, context) => {
        const problem = httpToolUrlProblem(text);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      })
      .describe('Where calls are POSTed: http or https, no user or password in it.'),
    timeout_ms: z
      .number()
      .int()
      .positive()
      .max(300_000)
      .default(10_000)
      .describe('Time a call may take; a tool policy timeout_ms, when stricter, wins.'),
    secret_env: EnvironmentVariableName.describe(
      'Variable holding the HMAC key that signs each request (x-promptops-signature).',
    ),
  })
  .describe('An HTTP tool: a URL the runtime calls with signed requests.');
export type HttpToolConfig = z.infer<typeof HttpToolConfig>;

/** Why a tool URL is refused, or undefined when it is fine. */
export function httpToolUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not a URL`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'a tool URL must use http or https';
  if (url.username || url.password)
    return 'a tool URL must not carry credentials; the request is signed instead';
  return undefined;
}
