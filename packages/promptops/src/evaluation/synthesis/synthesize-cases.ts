import { isDeepStrictEqual } from 'node:util';
import { PromptopsError } from '../../errors/index.ts';
import type { SuiteCase } from '../eval-types.ts';
import { SYNTHETIC_TAG } from '../suites/generate-variants.ts';
import type { LoadedSuite } from '../suites/load-suite-file.ts';
import { readJsonlCases } from '../suites/read-jsonl-cases.ts';
import type { SuiteCaseSpec } from '../suites/suite-case-spec.ts';
import { readModelVariants } from './read-model-variants.ts';
import { type SynthesisStyle, synthesisMessages } from './synthesis-prompt.ts';

/** Asks the writing model: system and user text in, its raw answer out. */
export type WriteVariants = (messages: { system: string; user: string }) => Promise<string>;

export interface SynthesizeOptions {
  /** Variants asked for per case. */
  count: number;
  style: SynthesisStyle;
  /** The string variable to rewrite; default each case's first string variable. */
  field?: string;
  /** `provider/model`, named in each variant's description. */
  model: string;
  write: WriteVariants;
  /** Where the cases will be written (relative to the project): names the lines of any problem. */
  file: string;
  /** Cases asked about at once; default 4. */
  concurrency?: number;
}

export interface SynthesisOutcome {
  /** One case per line, the same keys as an inline case: ready for `cases_from` once reviewed. */
  jsonl: string;
  cases: SuiteCaseSpec[];
  /** Cases of the suite asked about. */
  asked: number;
  /** Per case, why variants were refused or missing (wrong JSON, repeats, too few, a failed call). */
  problems: { caseId: string; reason: string }[];
}

/** Tags every model-written variant carries, beside the case's own and `synthetic:<style>`. */
export const MODEL_VARIANT_TAGS = [SYNTHETIC_TAG, 'synthetic:model'] as const;

/**
 * Model-written variants of a suite's cases (issue 6, item 3b: "optionally with a configured model"):
 * for each written case (not the suite's own synthetic variants) the model is asked for `count`
 * paraphrases or adversarial rewrites of one string variable; each answer is checked
 * (readModelVariants) and each variant becomes a case that keeps the original's own assertions,
 * expected class and tags — the suite's defaults are left out, since they apply again when the file
 * is read through `cases_from`. The result is JSONL for a person to review; nothing here touches a
 * suite file, so no model-written case reaches a gate unless someone adds it.
 */
export async function synthesizeCases(
  suite: LoadedSuite,
  options: SynthesizeOptions,
): Promise<SynthesisOutcome> {
  const originals = suite.cases.filter((testCase) => !testCase.tags.includes(SYNTHETIC_TAG));
  const taken = new Set(suite.cases.map((testCase) => testCase.id));
  const seen = new Set<string>();
  const problems: SynthesisOutcome['problems'] = [];
  const answers = await inPool(originals, options.concurrency ?? 4, async (testCase) => {
    const field = options.field ?? firstStringVariable(testCase.variables);
    const text = field === undefined ? undefined : testCase.variables[field];
    if (field === undefined || typeof text !== 'string') {
      problems.push({
        caseId: testCase.id,
        reason: options.field
          ? `no string variable "${options.field}" to rewrite`
          : 'no string variable to rewrite',
      });
      return undefined;
    }
    const own = ownParts(suite, testCase);
    try {
      const answer = await options.write(
        synthesisMessages({
          style: options.style,
          count: options.count,
          target: targetName(suite),
          suiteDescription: suite.content.description,
          caseId: testCase.id,
          ...(testCase.description !== undefined && { caseDescription: testCase.description }),
          field,
          text,
          ...(testCase.expectedClass !== undefined && { expectedClass: testCase.expectedClass }),
          assert: own.assert,
        }),
      );
      return { testCase, field, text, own, answer };
    } catch (error) {
      problems.push({
        caseId: testCase.id,
        reason: `the model call failed: ${error instanceof Error ? error.message : String(error)}`,
      });
      return undefined;
    }
  });

  const cases: SuiteCaseSpec[] = [];
  for (const asked of answers) {
    if (!asked) continue;
    const { testCase, field, text, own, answer } = asked;
    // Read in suite order, so which of two equal texts is kept does not depend on timing.
    const read = readModelVariants(answer, { count: options.count, original: text, seen });
    for (const reason of read.refused) problems.push({ caseId: testCase.id, reason });
    if (read.texts.length < options.count && read.refused.length === 0) {
      problems.push({
        caseId: testCase.id,
        reason: `the model wrote ${read.texts.length} of the ${options.count} variants asked for`,
      });
    }
    read.texts.forEach((variant, index) => {
      cases.push({
        id: variantId(testCase.id, options.style, index + 1, taken),
        description: `${options.style} ${index + 1} of ${testCase.id} (${field}), written by ${options.model}: review before use`,
        variables: { ...own.variables, [field]: variant },
        assert: own.assert,
        tags: [...new Set([...testCase.tags, ...MODEL_VARIANT_TAGS, `synthetic:${options.style}`])],
        ...(testCase.expectedClass !== undefined && { expected_class: testCase.expectedClass }),
      });
    });
  }
  const jsonl = cases.map((spec) => JSON.stringify(spec)).join('\n') + (cases.length > 0 ? '\n' : '');
  // What is written must read back as a case file does, with the same schema as a suite's cases.
  const check = readJsonlCases(jsonl, options.file);
  if (check.issues.length > 0) {
    throw new PromptopsError(
      'internal',
      `synthesized cases do not read back: ${check.issues.map((issue) => issue.message).join('; ')}`,
      {},
    );
  }
  const order = new Map(originals.map((testCase, index) => [testCase.id, index]));
  problems.sort((a, b) => (order.get(a.caseId) ?? 0) - (order.get(b.caseId) ?? 0));
  return { jsonl, cases, asked: originals.length, problems };
}

/** The case's own variables and assertions, without what the suite's `defaults` added. */
function ownParts(suite: LoadedSuite, testCase: SuiteCase): Pick<SuiteCaseSpec, 'variables' | 'assert'> {
  const defaults = suite.content.defaults;
  const variables = Object.fromEntries(
    Object.entries(testCase.variables).filter(
      ([name, value]) =>
        !Object.hasOwn(defaults.variables, name) || !isDeepStrictEqual(defaults.variables[name], value),
    ),
  );
  return { variables, assert: testCase.assert.slice(defaults.assert.length) as SuiteCaseSpec['assert'] };
}

/** `<case>.para-1` / `<case>.adv-1`: ids a case file may give (`~` is the suite's own variants'). */
function variantId(caseId: string, style: SynthesisStyle, position: number, taken: Set<string>): string {
  const suffix = style === 'paraphrase' ? 'para' : 'adv';
  for (let number = position; ; number++) {
    const tail = `.${suffix}-${number}`;
    const id = `${caseId.replace(/~/g, '-').slice(0, 100 - tail.length)}${tail}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

function firstStringVariable(variables: Record<string, unknown>): string | undefined {
  return Object.keys(variables).find((name) => typeof variables[name] === 'string');
}

function targetName(suite: LoadedSuite): string {
  const target = suite.content.target;
  return 'prompt' in target ? target.prompt : target.fragment;
}

/** Maps with at most `limit` calls in flight; results in input order. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}
