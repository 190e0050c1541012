import { type ModelAnswer, toModelAnswer } from './model-answer.ts';
import type { PreparedReply } from './protocol-adapter.ts';
import type {
  RuleMatch,
  ScriptedFaults,
  ScriptedProtocol,
  ScriptedReply,
  ScriptedRequest,
  ScriptRule,
  TextMatch,
} from './script-types.ts';

type TextTest = (text: string) => boolean;

/** A rule made ready once: its match is one function, its static reply is prepared on first use. */
export interface CompiledRule {
  index: number;
  matches: (request: ScriptedRequest) => boolean;
  reply: ScriptedReply;
  faults: ScriptedFaults | undefined;
  times: number;
  used: number;
  /** The static reply in neutral form, checked when the rule is compiled; none for reply functions. */
  answer: ModelAnswer | undefined;
  /** Per protocol, filled on first use for static replies. */
  prepared: Partial<Record<ScriptedProtocol, PreparedReply>>;
}

// A RegExp with `g` or `y` keeps `lastIndex` between `test` calls, so the same request would match
// and then not: copy it without those flags, once.
function toTextTest(match: TextMatch): TextTest {
  if (typeof match === 'string') return (text) => text.includes(match);
  const pattern = /[gy]/.test(match.flags)
    ? new RegExp(match.source, match.flags.replace(/[gy]/g, ''))
    : match;
  return (text) => pattern.test(text);
}

function compileMatch(match: RuleMatch | undefined): (request: ScriptedRequest) => boolean {
  if (!match) return () => true;
  const tests: ((request: ScriptedRequest) => boolean)[] = [];
  if (match.protocol !== undefined) {
    const protocol = match.protocol;
    tests.push((request) => request.protocol === protocol);
  }
  if (match.model !== undefined) {
    const model = match.model;
    const test = typeof model === 'string' ? (text: string) => text === model : toTextTest(model);
    tests.push((request) => test(request.model));
  }
  if (match.lastUserMessage !== undefined) {
    const test = toTextTest(match.lastUserMessage);
    tests.push((request) => test(request.lastUserMessage));
  }
  if (match.system !== undefined) {
    const test = toTextTest(match.system);
    tests.push((request) => test(request.system));
  }
  if (match.anyMessage !== undefined) {
    const test = toTextTest(match.anyMessage);
    tests.push((request) => test(request.system) || request.messages.some((turn) => test(turn.content)));
  }
  if (match.when !== undefined) tests.push(match.when);
  return (request) => tests.every((test) => test(request));
}

export function compileRule(rule: ScriptRule, index: number): CompiledRule {
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 0)) {
    throw new TypeError(
      `scripted model server: rule ${index} has times ${rule.times}; use a whole number >= 0`,
    );
  }
  const reply = rule.reply;
  return {
    index,
    matches: compileMatch(rule.match),
    reply,
    faults: rule.faults,
    times: rule.times ?? Number.POSITIVE_INFINITY,
    used: 0,
    answer: typeof reply === 'function' ? undefined : toModelAnswer(reply),
    prepared: {},
  };
}

/** The first rule that matches and has uses left, counting the use; `undefined` when none. */
export function pickRule(rules: readonly CompiledRule[], request: ScriptedRequest): CompiledRule | undefined {
  for (const rule of rules) {
    if (rule.used < rule.times && rule.matches(request)) {
      rule.used += 1;
      return rule;
    }
  }
  return undefined;
}
