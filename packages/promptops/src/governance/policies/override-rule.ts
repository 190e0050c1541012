import { z } from 'zod';
import { ARTIFACT_NAME_PATTERN } from '../../catalog/content/names.ts';
import type { FragmentOverrideRule } from '../../templates/index.ts';

/**
 * `policies.yaml` `overrides:` (issue 5, item 5b): which central fragments team folders may
 * override, and which of their `{% block %}` sections stay locked. A central fragment without a
 * rule can never be overridden.
 */

const FOLDER_PREFIX = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*\/$/;
// LiquidJS reads a block's name as the first run of word characters, so nothing else could match.
const BLOCK_NAME = /^[a-z_][a-z0-9_]*$/;

const uniqueItems = <T extends z.ZodType<string>>(item: T, what: string) =>
  z.array(item).superRefine((items, context) => {
    for (const [index, value] of items.entries()) {
      if (items.indexOf(value) !== index) {
        context.addIssue({ code: 'custom', path: [index], message: `${what} "${value}" is listed twice` });
      }
    }
  });

export const OverrideRule = z
  .strictObject({
    fragment: z
      .string()
      .regex(ARTIFACT_NAME_PATTERN, 'expected a fragment name such as shared/persona')
      .refine((name) => !name.split('/').includes('overrides'), {
        message: 'a central fragment cannot live in an overrides/ folder; that is where team overrides go',
      })
      .describe('The central fragment the rule is about, e.g. shared/persona.'),
    owner: z.string().min(1).describe('Who owns the central fragment and this rule, e.g. platform-team.'),
    teams: uniqueItems(
      z.string().regex(FOLDER_PREFIX, 'expected a folder prefix ending in /, such as support/'),
      'team folder',
    ).describe(
      'Folder prefixes whose prompts may use an override (<folder>overrides/<fragment>); [] allows none.',
    ),
    locked_blocks: uniqueItems(
      z.string().regex(BLOCK_NAME, 'expected a block name: lower-case letters, digits and "_"'),
      'block',
    )
      .default([])
      .describe('{% block %} sections of the central fragment that no override may replace.'),
    reason: z.string().min(1).optional(),
  })
  .describe('Who may override a central fragment, and which of its blocks stay locked.');
export type OverrideRule = z.infer<typeof OverrideRule>;

/** The rules as rendering takes them (templates/ knows nothing of policies). */
export function fragmentOverrideRules(rules: readonly OverrideRule[]): FragmentOverrideRule[] {
  return rules.map((rule) => ({
    fragment: rule.fragment,
    teams: rule.teams,
    lockedBlocks: rule.locked_blocks,
  }));
}
