import { PromptopsError } from '../errors/index.ts';
import type { GuardPolicy, RecognizerRule } from '../governance/policies/guard-policy.ts';
import type { GuardDetectors } from './create-guard-hooks.ts';
import { detectInjection } from './injection/index.ts';
import {
  compileCustomRecognizer,
  type Detector,
  type EntityType,
  type Finding,
  redact,
  scanText,
} from './pii/index.ts';
import { findUnknownEntities, piiTypesFor } from './pii-entity-names.ts';

interface PiiSelection {
  types: EntityType[] | undefined;
  extraDetectors: Detector[];
}

/** Findings below this score (unverified look-alikes) are not acted on by guards. */
const MIN_GUARD_SCORE = 0.5;

/**
 * The built-in detectors the runtime's guards use: the offline injection scorer and PII scanner.
 * Redaction replaces each finding with its type (`[EMAIL]`), so nothing of the value reaches the model.
 */
export function defaultGuardDetectors(recognizers: readonly RecognizerRule[] = []): GuardDetectors {
  const custom = compileRecognizers(recognizers);
  const names = recognizers.map((recognizer) => recognizer.name);
  // A policy's entity list is one array for the life of the policies: its scanner types and
  // recognizers are worked out once, not on every scan (guards scan each string once per policy).
  const selections = new WeakMap<readonly string[], PiiSelection>();
  let everything: PiiSelection | undefined;
  const selectionFor = (entities: readonly string[] | undefined): PiiSelection => {
    const cached = entities === undefined ? everything : selections.get(entities);
    if (cached) return cached;
    const selected = piiTypesFor(entities, names);
    const selection: PiiSelection = {
      types: selected.types,
      extraDetectors: custom
        .filter((recognizer) => selected.custom?.includes(recognizer.type) ?? true)
        .map((recognizer) => recognizer.detector),
    };
    if (entities === undefined) everything = selection;
    else selections.set(entities, selection);
    return selection;
  };
  return {
    injectionScore(text, options = {}) {
      const result = detectInjection(
        text,
        options.appDelimiters ? { appDelimiters: options.appDelimiters } : {},
      );
      return { score: result.score, signals: result.signals.map((signal) => signal.signal) };
    },
    scanPii(text, entities) {
      const { types, extraDetectors } = selectionFor(entities);
      return scanText(text, { types, extraDetectors, minScore: MIN_GUARD_SCORE }).findings;
    },
    redactPii(text, findings) {
      return redact(text, findings as Finding[], { defaultOperator: { kind: 'replace' } }).text;
    },
  };
}

/** Refuses guard policies naming PII entities the scanner does not know (a typo would silently scan nothing). */
export function checkGuardEntities(policies: {
  guards: Record<string, GuardPolicy>;
  recognizers?: readonly RecognizerRule[];
}): void {
  const [first] = findUnknownEntities(policies);
  if (first === undefined) return;
  const field = first.path.slice(0, -1).join('.');
  throw new PromptopsError('config_invalid', `policies.yaml ${field}: unknown "${first.name}"`, {
    location: { file: 'policies.yaml', field },
  });
}

/** Compiles policies.yaml recognizers; the policy schema has already refused bad ones, so a failure here is a bug. */
export function compileRecognizers(recognizers: readonly RecognizerRule[]) {
  return recognizers.map((recognizer) => {
    const compiled = compileCustomRecognizer({
      name: recognizer.name,
      pattern: recognizer.pattern,
      ...(recognizer.flags !== undefined && { flags: recognizer.flags }),
      ...(recognizer.validator !== undefined && { validator: recognizer.validator }),
      ...(recognizer.context_words !== undefined && { contextWords: recognizer.context_words }),
      ...(recognizer.score !== undefined && { score: recognizer.score }),
    });
    if (!compiled.ok) {
      throw new PromptopsError('config_invalid', `policies.yaml recognizers: ${compiled.message}`, {
        location: { file: 'policies.yaml', field: `recognizers.${recognizer.name}.${compiled.field}` },
      });
    }
    return compiled;
  });
}
