import type { ExampleBankContent } from '../catalog/content/example-bank-content.ts';
import { PromptopsError } from '../errors/index.ts';
import { renderPrompt, validateVariables } from '../templates/index.ts';
import { assembleMessages } from './assemble-messages.ts';
import { withMessage } from './context/message-variable.ts';
import { guardInput, type Prepared, planCall, type RunSource } from './prepare-call.ts';
import { resolveDraft } from './resolve/draft-prompt.ts';
import { resolvePrompt } from './resolve/prompt-resolver.ts';
import type { RunState } from './run-lifecycle.ts';
import type { RuntimeParts } from './runtime-parts.ts';

/**
 * Stages 1 to 6, shared by run and stream: resolve, check input, input guards, render, assemble
 * context, route and budget. Fills in the result's version, arm, verdicts and warnings; throws a
 * PromptopsError for what the caller turns into a `failed` result.
 */
export async function prepareRun(parts: RuntimeParts, state: RunState): Promise<Prepared> {
  const { result, options } = state;
  const name = result.prompt;
  // 1. resolve
  const resolved = options.draft
    ? await resolveDraft(parts.cache, name, options.draft.content, options.environment)
    : await resolvePrompt(parts.cache, name, {
        environment: options.environment,
        version: options.version,
        stickyKey: options.stickyKey ?? options.requestId ?? result.runId,
      });
  Object.assign(result, { version: resolved.version, arm: resolved.arm });
  const content = resolved.content;
  if (resolved.version !== null) state.samplingRate = content.sampling?.rate;
  // 2. check input (a chat front end's message goes into its variable first)
  let given = state.variables;
  if (options.message) {
    const filled = withMessage(name, content.variables, given, options.message);
    if (!filled.ok) throw filled.error;
    given = filled.variables;
  }
  const checked = validateVariables(content.variables, given);
  if (!checked.ok) throw checked.error;
  // 3. input guards
  const guarded = await guardInput(parts, state, content, checked.variables);
  if (!guarded.ready) return guarded;
  let { variables } = guarded;
  // 4a. retrieval: passages from the version's sources, redacted and trimmed, as `retrieved`
  if (content.context?.retrieval) {
    const retrieval = await retrieve(parts, state, content, variables);
    variables = { ...variables, retrieved: retrieval.retrieved };
  }
  // 5. render (before 4: examples are chosen by similarity to the rendered input)
  const rendered = await renderPrompt(content, variables, {
    fragments: parts.cache.fragmentSource(options.environment),
    overrides: { prompt: name, rules: parts.fragmentOverrides },
    file: `${name}#${resolved.version ?? 'draft'}`,
  });
  if (!rendered.ok) throw rendered.error;
  // 4. assemble context: few-shot examples and trimmed history
  let examples: ExampleBankContent['examples'] = [];
  if (content.examples) {
    const bank = await parts.cache.served('example-bank', content.examples.bank, options.environment);
    const record = await parts.cache.version('example-bank', content.examples.bank, bank.version);
    const query =
      rendered.messages?.filter((message) => message.role === 'user').at(-1)?.content ?? rendered.text ?? '';
    const selection = await parts.selectExamples({
      bankKey: `${content.examples.bank}#${bank.version}`,
      query,
      examples: (record.content as ExampleBankContent).examples,
      k: content.examples.k,
      mode: content.examples.select,
    });
    examples = selection.examples;
    if (selection.warning) result.warnings.push(selection.warning);
  }
  const { messages, historyDropped } = assembleMessages({
    rendered,
    examples,
    history: options.history ?? [],
    historyTokens: content.context?.history_tokens,
  });
  if (historyDropped > 0)
    result.warnings.push(`${historyDropped} older history message(s) left out to fit the token budget`);
  return planCall(parts, state, content, variables, messages);
}

async function retrieve(
  parts: RuntimeParts,
  state: RunState,
  content: Parameters<NonNullable<RuntimeParts['retrieval']>['retrieve']>[1],
  variables: Record<string, unknown>,
) {
  const { result, options } = state;
  if (!parts.retrieval) {
    throw new PromptopsError(
      'retrieval_failed',
      `${result.prompt} retrieves context and this runtime has no retrieval`,
      {},
    );
  }
  const retrieval = await parts.retrieval.retrieve(
    {
      prompt: result.prompt,
      runId: result.runId,
      environment: result.environment,
      ...(options.signal && { signal: options.signal }),
    },
    content,
    variables,
  );
  result.retrieved = retrieval?.records ?? [];
  result.warnings.push(...(retrieval?.warnings ?? []));
  return { retrieved: retrieval?.retrieved ?? [] };
}

/** A catalog prompt: the pipeline's usual source. */
export const PROMPT_SOURCE: RunSource = { kind: 'prompt', prepare: prepareRun };
