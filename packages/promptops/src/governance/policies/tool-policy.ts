import { z } from 'zod';

/**
 * policies.yaml `tools:` (issue 9, tool policy): which declared tools a prompt may call in an
 * environment, how often, in what order, how long each may take and what a failure does. The first
 * rule whose `prompts` and `environments` cover a run applies; a run no rule covers may call no tool.
 */

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const ToolName = z.string().regex(TOOL_NAME, 'expected a tool name (letters, digits, _ and -)');

export const TOOL_FAILURE_ACTIONS = ['retry', 'skip', 'escalate'] as const;
export type ToolFailureAction = (typeof TOOL_FAILURE_ACTIONS)[number];

export const ToolLimits = z.strictObject({
  max_calls: z.number().int().min(0).optional().describe('Most calls of this tool in one run.'),
  requires: z
    .array(ToolName)
    .optional()
    .describe('Tools that must have succeeded earlier in the run before this one may be called.'),
  timeout_ms: z.number().int().positive().max(300_000).optional().describe('Time one call may take.'),
  on_failure: z
    .enum(TOOL_FAILURE_ACTIONS)
    .optional()
    .describe('retry (then skip), skip (the model is told the call failed) or escalate (the run escalates).'),
  retries: z
    .number()
    .int()
    .min(0)
    .max(5)
    .optional()
    .describe('Retries when on_failure is retry (default 1).'),
});
export type ToolLimits = z.infer<typeof ToolLimits>;

export const ToolPolicyRule = z
  .strictObject({
    prompts: z
      .array(z.string().min(1))
      .min(1)
      .describe("Prompt names, or folders ending in '/' ('support/'), or '*' for every prompt."),
    environments: z
      .array(z.string().min(1))
      .optional()
      .describe('Environments the rule covers; every environment when absent.'),
    allow: z.array(ToolName).describe('Tools these prompts may call; any other call is denied.'),
    max_calls_per_run: z.number().int().min(0).default(10).describe('Most tool calls in one run.'),
    max_rounds: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(5)
      .describe('Model turns that may call tools before the model must answer.'),
    injection_threshold: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(
        "Input injection score at or above which the run may call only read tools; the prompt's guard policy threshold, else 0.5, when absent.",
      ),
    tools: z
      .record(ToolName, ToolLimits)
      .default({})
      .describe('Per-tool limits, order and failure handling.'),
  })
  .superRefine((rule, context) => {
    for (const [name, limits] of Object.entries(rule.tools)) {
      if (!rule.allow.includes(name)) {
        context.addIssue({
          code: 'custom',
          path: ['tools', name],
          message: `"${name}" has limits but is not in allow`,
        });
      }
      for (const [index, required] of (limits.requires ?? []).entries()) {
        if (required === name || !rule.allow.includes(required)) {
          context.addIssue({
            code: 'custom',
            path: ['tools', name, 'requires', index],
            message:
              required === name
                ? `"${name}" cannot require itself`
                : `"${required}" is not in allow, so "${name}" could never be called`,
          });
        }
      }
    }
  });
export type ToolPolicyRule = z.infer<typeof ToolPolicyRule>;
