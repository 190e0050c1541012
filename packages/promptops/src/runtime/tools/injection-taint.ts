import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import type { Policies } from '../../governance/policies/index.ts';
import type { ToolPolicyRule } from '../../governance/policies/tool-policy.ts';
import type { GuardDetectors } from '../../guardrails/create-guard-hooks.ts';
import { promptDelimiters } from '../../guardrails/prompt-delimiters.ts';

const DEFAULT_THRESHOLD = 0.5;

/** What the run's input looked like to the injection scorer, for the tool policy (issue 9, item 6). */
export interface InjectionTaint {
  /** The highest score of any string variable. */
  score: number;
  threshold: number;
  /** True when the score reached the threshold: the run may then call read tools only. */
  flagged: boolean;
  /** The flagged input texts, so a call to a tool the injected text names can be refused. */
  texts: string[];
}

/**
 * Scores the run's (guarded) variables. The threshold is the tool rule's `injection_threshold`, else
 * the lowest injection threshold of the guard policies that apply to the prompt (its own or its
 * tier's, and its classification's), else 0.5: input that scored as an injection but was let
 * through (action allow, or a threshold under the block one) still may not drive write or
 * irreversible tools.
 */
export function injectionTaint(
  content: PromptContent,
  variables: Record<string, unknown>,
  rule: ToolPolicyRule | undefined,
  policies: Pick<Policies, 'guards' | 'tiers' | 'guards_by_classification'>,
  detectors: GuardDetectors,
): InjectionTaint {
  const threshold = rule?.injection_threshold ?? guardThreshold(content, policies) ?? DEFAULT_THRESHOLD;
  let score = 0;
  const texts: string[] = [];
  if (detectors.injectionScore) {
    const appDelimiters = promptDelimiters(content);
    for (const value of Object.values(variables)) {
      if (typeof value !== 'string' || value === '') continue;
      const scored = detectors.injectionScore(value, { appDelimiters }).score;
      score = Math.max(score, scored);
      if (scored >= threshold) texts.push(value);
    }
  }
  return { score, threshold, flagged: texts.length > 0, texts };
}

function guardThreshold(
  content: PromptContent,
  policies: Pick<Policies, 'guards' | 'tiers' | 'guards_by_classification'>,
): number | undefined {
  const own = content.guards?.policy ?? policies.tiers[content.risk]?.guard_policy;
  const byClassification = policies.guards_by_classification[content.classification];
  const thresholds = [own, byClassification].flatMap((name) => {
    const threshold = name === undefined ? undefined : policies.guards[name]?.input?.injection?.threshold;
    return threshold === undefined ? [] : [threshold];
  });
  return thresholds.length > 0 ? Math.min(...thresholds) : undefined;
}

/** Whether a flagged input names the tool (`issue_refund`, `issue refund`): the call came from it. */
export function namedByInjection(taint: InjectionTaint, tool: string): boolean {
  const spaced = tool.replace(/[_-]+/g, ' ').toLowerCase();
  return taint.texts.some((text) => {
    const lower = text.toLowerCase();
    return lower.includes(tool.toLowerCase()) || lower.includes(spaced);
  });
}
