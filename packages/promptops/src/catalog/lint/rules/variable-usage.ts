import type { LintRule, RuleHit } from '../lint-types.ts';

export const variableUndeclared: LintRule = {
  id: 'variable-undeclared',
  severity: 'error',
  title: 'Variable used but not declared',
  explanation:
    'A template (or a fragment it renders) uses a variable that `variables.properties` does not ' +
    'declare. Rendering is strict, so the prompt fails at run time with `template_error` unless the ' +
    'caller happens to pass it — and no schema then checks its value. The seed\'s "Prompt Templates": ' +
    'production prompts are templates whose dynamic parts are declared parameters, separate from the ' +
    'static language; and "Explicit over Implicit".',
  hint: 'Declare the variable under variables.properties (type, description, default when optional), or fix the name in the template.',
  check(prompt) {
    const declared = new Set(Object.keys(prompt.content.variables?.properties ?? {}));
    const hits: RuleHit[] = [];
    const reported = new Set<string>();
    for (const piece of prompt.pieces) {
      for (const use of piece.analysis?.variables ?? []) {
        const key = `${use.name}\0${piece.fragment ?? piece.field}`;
        if (declared.has(use.name) || reported.has(key)) continue;
        reported.add(key);
        const where = piece.fragment ? `fragment ${piece.fragment}` : piece.field;
        hits.push({
          message: `'${use.name}' is used in ${where} but not declared under variables.properties`,
          at: { piece, line: use.line },
        });
      }
    }
    return hits;
  },
};

export const variableUnused: LintRule = {
  id: 'variable-unused',
  severity: 'warning',
  title: 'Variable declared but unused',
  explanation:
    'A variable is declared under `variables.properties` but no template of the prompt, nor any ' +
    'fragment it renders, uses it. Callers must still supply it when it is required, reviewers read ' +
    "it as part of the prompt's contract, and it hides a template that lost a line in an edit. The " +
    'seed\'s "Prompt Templates" (parameters that are part of the template) and "Token Efficiency": ' +
    'what the prompt does not use should not be asked for. Stays quiet when a fragment could not be ' +
    'read, because the fragment may use it.',
  hint: 'Remove the variable from variables.properties (and from callers), or use it in the template where it was meant to go.',
  check(prompt) {
    if (prompt.unresolved.length > 0) return [];
    const used = new Set(
      prompt.pieces.flatMap((piece) => piece.analysis?.variables.map((use) => use.name) ?? []),
    );
    return Object.keys(prompt.content.variables?.properties ?? {})
      .filter((name) => !used.has(name))
      .map((name) => ({
        message: `'${name}' is declared but no template or fragment of the prompt uses it`,
        at: { field: `variables.properties.${name}` },
      }));
  },
};
