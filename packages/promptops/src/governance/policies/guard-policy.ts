import { z } from 'zod';
import { compileLinearPattern } from '../../catalog/content/linear-pattern.ts';
import { VALIDATORS, type ValidatorName } from '../../guardrails/pii/checksums.ts';

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

/**
 * A custom PII recognizer (policies.yaml `recognizers`): a pattern, an optional checksum, context words.
 * Guard policies and `guard scan` name it like a built-in entity (`employee_id` or `employee-id`).
 * The pattern runs on RE2, so it matches in linear time; lookaround and backreferences are refused here.
 */
export const RecognizerRule = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,62}$/, 'expected a kebab-case name such as employee-id')
      .describe('Entity name; findings are reported as custom:<name>.'),
    pattern: z
      .string()
      .min(1)
      .describe('Regular expression (JavaScript syntax without lookaround or backreferences).'),
    flags: z
      .string()
      .regex(/^[imsu]*$/, 'only the flags i, m, s and u are allowed')
      .optional()
      .describe('Regular expression flags: i, m, s, u.'),
    validator: z
      .enum(Object.keys(VALIDATORS) as [ValidatorName, ...ValidatorName[]])
      .optional()
      .describe('Checksum a match must pass.'),
    context_words: z
      .array(z.string().min(1))
      .optional()
      .describe('Words near a match that raise its score by 0.2.'),
    score: z.number().min(0).max(1).optional().describe('Score of a match without context words (0.6).'),
  })
  .superRefine((rule, context) => {
    const compiled = compileLinearPattern(rule.pattern, rule.flags);
    if (!compiled.ok && !compiled.problem.startsWith('has flag')) {
      context.addIssue({ code: 'custom', path: ['pattern'], message: `the pattern ${compiled.problem}` });
    }
  })
  .describe('A custom recognizer for personal or confidential data.');
export type RecognizerRule = z.infer<typeof RecognizerRule>;
