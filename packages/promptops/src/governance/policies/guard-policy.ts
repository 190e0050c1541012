import { z } from 'zod';

/**
 * A named guard policy: what the input and output guards do (DESIGN.md section 4, stages 3 and 9).
 * Banned terms are plain text, not regular expressions, so no policy can make matching hang.
 */

const PiiEntity = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'expected an entity name such as email or credit_card');

export const InputGuardPolicy = z.strictObject({
  max_chars: z.number().int().positive().optional().describe('Longest input accepted, in characters.'),
  injection: z
    .strictObject({
      threshold: z.number().min(0).max(1).describe('Injection score at or above which the action applies.'),
      action: z
        .enum(['block', 'escalate', 'allow'])
        .describe('What happens to input that scores as an injection attempt.'),
    })
    .optional(),
  pii: z
    .strictObject({
      action: z.enum(['allow', 'redact', 'block']).describe('What happens to personal data in the input.'),
      entities: z
        .array(PiiEntity)
        .optional()
        .describe('Entity types to look for; all known types when absent.'),
    })
    .optional(),
});

export const OutputGuardPolicy = z.strictObject({
  max_chars: z.number().int().positive().optional().describe('Longest output accepted, in characters.'),
  pii: z
    .strictObject({
      action: z
        .enum(['allow', 'redact', 'block'])
        .describe('What happens to personal data the output should not contain.'),
      entities: z.array(PiiEntity).optional(),
    })
    .optional(),
  banned_terms: z
    .array(z.string().min(1))
    .optional()
    .describe('Terms the output must not contain (competitors, …).'),
  commitments: z
    .enum(['allow', 'block', 'escalate'])
    .describe('What happens to unauthorised commitments (refunds, legal promises).')
    .optional(),
});

export const GuardPolicy = z
  .strictObject({ input: InputGuardPolicy.optional(), output: OutputGuardPolicy.optional() })
  .describe('Input and output guard settings, referenced by name from prompts (guards.policy).');
export type GuardPolicy = z.infer<typeof GuardPolicy>;
