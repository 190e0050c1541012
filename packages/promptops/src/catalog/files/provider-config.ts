import { z } from 'zod';
import { ENVIRONMENT_VARIABLE_PATTERN, looksLikeSecret } from './secret-like.ts';

/**
 * A model provider in promptops.yaml. Its URL is validated (http/https, no credentials in it) because
 * the runtime will send prompts there; its key is named by environment variable, never written here.
 */

export const EnvironmentVariableName = z
  .string()
  .refine((value) => !looksLikeSecret(value), {
    message:
      'this looks like a secret: write the NAME of the environment variable that holds it (e.g. OPENAI_API_KEY)',
    abort: true,
  })
  .regex(
    ENVIRONMENT_VARIABLE_PATTERN,
    'expected the name of an environment variable (letters, digits and _)',
  );

const HeaderValue = z
  .union([
    z.string().refine((value) => !looksLikeSecret(value), {
      message: 'this header value looks like a secret: use { env: VARIABLE_NAME } instead',
    }),
    z.strictObject({
      env: EnvironmentVariableName.describe('Environment variable holding the header value.'),
    }),
  ])
  .describe('A literal value, or { env: NAME } to read it from the environment when the call is made.');

const HttpUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
  .refine((value) => !/^[a-z]+:\/\/[^/]*@/i.test(value), {
    message: 'credentials do not belong in the URL: put the key in the variable named by api_key_env',
  });

export const ProviderConfig = z
  .strictObject({
    protocol: z
      .enum(['openai', 'anthropic', 'ai-sdk'])
      .describe(
        'Wire protocol: OpenAI chat completions, Anthropic messages, or a Vercel AI SDK provider package.',
      ),
    base_url: HttpUrl.optional().describe('API base URL; the protocol default when absent.'),
    api_key_env: EnvironmentVariableName.optional().describe(
      'NAME of the environment variable holding the API key.',
    ),
    headers: z
      .record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'expected an HTTP header name'), HeaderValue)
      .optional()
      .describe('Extra HTTP headers sent with every call.'),
    timeout_ms: z.number().int().positive().max(600_000).optional().describe('Per-call timeout.'),
    pool_size: z
      .number()
      .int()
      .min(1)
      .max(1024)
      .optional()
      .describe('Concurrent connections kept to the provider.'),
    package: z
      .string()
      .regex(/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/, 'expected an npm package name')
      .optional()
      .describe('The AI SDK provider package (protocol ai-sdk only), e.g. @ai-sdk/mistral.'),
  })
  .superRefine((provider, context) => {
    if (provider.protocol === 'ai-sdk' && !provider.package) {
      context.addIssue({
        code: 'custom',
        path: ['package'],
        message: 'protocol ai-sdk needs package (e.g. @ai-sdk/mistral)',
      });
    }
    if (provider.protocol !== 'ai-sdk' && provider.package) {
      context.addIssue({ code: 'custom', path: ['package'], message: 'package is only for protocol ai-sdk' });
    }
  })
  .describe('A model provider.');
