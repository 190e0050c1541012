import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import type { ProjectConfig } from '../../catalog/files/project-config.ts';
import type { Policies } from '../../governance/policies/index.ts';
import type { ToolPolicyRule } from '../../governance/policies/tool-policy.ts';
import type { GuardDetectors } from '../../guardrails/create-guard-hooks.ts';
import { createHttpToolHandler } from './http-tool.ts';
import { injectionTaint } from './injection-taint.ts';
import type { ToolRunContext } from './tool-call-record.ts';
import { createToolRegistry, type ToolHandler, type ToolRegistry } from './tool-handler.ts';
import { ToolSession } from './tool-session.ts';

export interface ToolRuntimeOptions {
  config: Pick<ProjectConfig, 'tools'>;
  policies: Pick<Policies, 'tools' | 'guards' | 'tiers' | 'guards_by_classification'>;
  detectors: GuardDetectors;
  /** Handlers the application registers up front; `registerTool` adds more later. */
  handlers?: Record<string, ToolHandler>;
  /** Where HTTP tools read their signing keys; the process environment by default. */
  environment?: Record<string, string | undefined>;
}

/** The runtime's tool part: the handler registry and a session per run of a prompt that declares tools. */
export interface ToolRuntime {
  registry: ToolRegistry;
  /** Undefined when the version declares no tools: the run calls the model as before. */
  session(
    state: ToolRunContext,
    content: PromptContent,
    variables: Record<string, unknown>,
  ): ToolSession | undefined;
}

export function createToolRuntime(options: ToolRuntimeOptions): ToolRuntime {
  const http = Object.fromEntries(
    Object.entries(options.config.tools).map(([name, config]) => [
      name,
      createHttpToolHandler(name, config, options.environment),
    ]),
  );
  // Application handlers win over an HTTP tool of the same name.
  const registry = createToolRegistry({ ...http, ...options.handlers });
  return {
    registry,
    session(state, content, variables) {
      if (!content.tools || content.tools.length === 0) return undefined;
      const rule = toolRuleFor(options.policies.tools, state.result.prompt, state.result.environment);
      return new ToolSession({
        state,
        content,
        rule,
        taint: injectionTaint(content, variables, rule, options.policies, options.detectors),
        // A sandbox replay decides every call as production would, and runs none (RunOptions.sandbox).
        registry: state.options.sandbox ? SANDBOX_TOOLS : registry,
        detectors: options.detectors,
      });
    },
  };
}

/**
 * Handlers for a sandbox replay: every tool "has" one, so the policy decides each call exactly as it
 * would in production (an irreversible tool still escalates), and each allowed call fails with a
 * notice the model sees instead of reaching the application's tool.
 */
const SANDBOX_TOOLS: ToolRegistry = {
  get: () => () => ({ ok: false, error: 'sandbox replay: tools are not called; answer without the result' }),
  register() {
    throw new TypeError('registerTool: the sandbox registry takes no handlers');
  },
  names: () => [],
};

/** The first rule naming the prompt (exactly, by its folder `support/`, or `*`) and the environment. */
export function toolRuleFor(
  rules: readonly ToolPolicyRule[],
  prompt: string,
  environment: string | null,
): ToolPolicyRule | undefined {
  return rules.find(
    (rule) =>
      rule.prompts.some(
        (pattern) =>
          pattern === '*' || pattern === prompt || (pattern.endsWith('/') && prompt.startsWith(pattern)),
      ) &&
      (rule.environments === undefined || (environment !== null && rule.environments.includes(environment))),
  );
}
