import { describe, expect, test } from 'vitest';
import { PromptopsError } from '../errors/index.ts';
import { checkFragmentOverride } from './check-fragment-override.ts';
import {
  describeUsedFragment,
  type FragmentOverrideRule,
  overrideCandidates,
  parseOverrideFragmentName,
} from './fragment-overrides.ts';
import { createStaticFragmentSource, type FragmentSource, type StaticFragment } from './fragment-source.ts';
import { renderPrompt } from './render-prompt.ts';
import { failure, testPrompt } from './test-fixtures.ts';

const CENTRAL = [
  '{% block safety %}Never share card numbers.{% endblock %}',
  '{% block tone %}Write formally.{% endblock %}',
].join('\n');
const SUPPORT_OVERRIDE =
  "{% layout 'shared/persona' %}\n{% block tone %}Write warmly, {{ name }}.{% endblock %}\n";

const RULE: FragmentOverrideRule = {
  fragment: 'shared/persona',
  teams: ['support/', 'billing/'],
  lockedBlocks: ['safety'],
};

const PROMPT = testPrompt({
  variables: { type: 'object', properties: { name: { type: 'string', default: 'Ann' } } },
  text: "{% render 'shared/persona' %}",
});

function render(prompt: string, fragments: Record<string, StaticFragment>, rules = [RULE]) {
  return renderPrompt(
    PROMPT,
    {},
    { fragments: createStaticFragmentSource(fragments), overrides: { prompt, rules } },
  );
}

const VERSIONED = {
  'shared/persona': { versions: { 3: CENTRAL } },
  'support/overrides/shared/persona': { versions: { 2: SUPPORT_OVERRIDE } },
};

describe('fragment overrides: resolution', () => {
  test('a prompt in a team folder the rule covers gets its override; blocks not overridden keep the central text', async () => {
    const result = await render('support/assistant', VERSIONED);
    if (!result.ok) throw result.error;
    expect(result.text).toBe('Never share card numbers.\nWrite warmly, Ann.');
    expect(result.fragments).toEqual([
      {
        name: 'shared/persona',
        version: 3,
        overriddenBy: { name: 'support/overrides/shared/persona', version: 2 },
      },
    ]);
    expect(describeUsedFragment(result.fragments[0]!)).toBe(
      'shared/persona v3 (overridden for support/ by support/overrides/shared/persona v2)',
    );
  });

  test('a prompt outside the covered folders gets the central fragment, even when an override exists', async () => {
    const result = await render('sales/pitch', VERSIONED);
    if (!result.ok) throw result.error;
    expect(result.text).toBe('Never share card numbers.\nWrite formally.');
    expect(result.fragments).toEqual([{ name: 'shared/persona', version: 3 }]);
  });

  test('a covered folder without an override gets the central fragment', async () => {
    const result = await render('billing/refund-reply', VERSIONED);
    if (!result.ok) throw result.error;
    expect(result.text).toBe('Never share card numbers.\nWrite formally.');
  });

  test('without a rule for the fragment an override file is never used', async () => {
    const result = await render('support/assistant', VERSIONED, []);
    if (!result.ok) throw result.error;
    expect(result.fragments).toEqual([{ name: 'shared/persona', version: 3 }]);
  });

  test('an override not yet in the environment leaves the central fragment in force there', async () => {
    const source: FragmentSource = {
      async resolve(reference) {
        if (reference.name === 'shared/persona')
          return { name: 'shared/persona', version: 3, template: CENTRAL };
        throw new PromptopsError(
          'environment_not_found',
          `${reference.name} has no version in production`,
          {},
        );
      },
    };
    const result = await renderPrompt(
      PROMPT,
      {},
      {
        fragments: source,
        overrides: { prompt: 'support/assistant', rules: [RULE] },
      },
    );
    if (!result.ok) throw result.error;
    expect(result.fragments).toEqual([{ name: 'shared/persona', version: 3 }]);
  });

  test('the most specific team folder wins, whatever the order of the rule', () => {
    const rule = { ...RULE, teams: ['support/', 'support/emea/', 'billing/'] };
    expect(overrideCandidates(rule, 'support/emea/assistant')).toEqual([
      'support/emea/overrides/shared/persona',
      'support/overrides/shared/persona',
    ]);
    expect(overrideCandidates(rule, 'supportive/x')).toEqual([]);
  });

  test('is deterministic: the same inputs render the same text and resolution every time', async () => {
    const results = await Promise.all([1, 2, 3].map(() => render('support/assistant', VERSIONED)));
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
  });

  test('{{ block.super }} extends the central text instead of replacing it', async () => {
    const result = await render('support/assistant', {
      'shared/persona': CENTRAL,
      'support/overrides/shared/persona':
        "{% layout 'shared/persona' %}{% block tone %}{{ block.super }} Be brief.{% endblock %}",
    });
    if (!result.ok) throw result.error;
    expect(result.text).toBe('Never share card numbers.\nWrite formally. Be brief.');
  });

  test('fragments included inside an override block resolve like any other', async () => {
    const result = await render('support/assistant', {
      'shared/persona': CENTRAL,
      'support/sign-off': 'Thanks!',
      'support/overrides/shared/persona':
        "{% layout 'shared/persona' %}{% block tone %}{% render 'support/sign-off' %}{% endblock %}",
    });
    if (!result.ok) throw result.error;
    expect(result.text).toBe('Never share card numbers.\nThanks!');
    expect(result.fragments.map((fragment) => fragment.name)).toEqual(['shared/persona', 'support/sign-off']);
  });
});

describe('fragment overrides: errors', () => {
  test('an override that redefines a locked block fails the render, naming the override, line and block', async () => {
    const error = failure(
      await render('support/assistant', {
        'shared/persona': CENTRAL,
        'support/overrides/shared/persona':
          "{% layout 'shared/persona' %}\n\n{% block safety %}Anything goes.{% endblock %}",
      }),
    );
    expect(error.code).toBe('template_error');
    expect(error.message).toMatch(
      /^override support\/overrides\/shared\/persona \(working copy\), line 3: block 'safety' of shared\/persona is locked/,
    );
    expect(error.details).toMatchObject({ block: 'safety', template: { line: 3 } });
  });

  test('an override of a block the central fragment does not define is an error listing its blocks', async () => {
    const error = failure(
      await render('support/assistant', {
        'shared/persona': CENTRAL,
        'support/overrides/shared/persona':
          "{% layout 'shared/persona' %}{% block greeting %}Hi{% endblock %}",
      }),
    );
    expect(error.message).toContain(
      "line 1: shared/persona has no block 'greeting' to override (its blocks: safety, tone)",
    );
  });

  test('an override of a fragment with rules cannot be reached through include, which would leak its blocks', async () => {
    const prompt = testPrompt({ text: "{% include 'shared/persona' %}" });
    const result = await renderPrompt(
      prompt,
      {},
      {
        fragments: createStaticFragmentSource(VERSIONED),
        overrides: { prompt: 'support/assistant', rules: [RULE] },
      },
    );
    expect(failure(result).message).toContain("include it with {% render 'shared/persona' %}");
  });

  test('an override that includes its own central fragment is a cycle', async () => {
    const error = failure(
      await render('support/assistant', {
        'shared/persona': CENTRAL,
        'support/overrides/shared/persona':
          "{% layout 'shared/persona' %}{% block tone %}{% render 'shared/persona' %}{% endblock %}",
      }),
    );
    expect(error.code).toBe('fragment_cycle');
  });
});

describe('checkFragmentOverride (push time)', () => {
  const source = createStaticFragmentSource({ 'shared/persona': CENTRAL });
  const check = (name: string, template: string, rules = [RULE]) =>
    checkFragmentOverride({ name, template }, source, { rules, file: 'fragments/x.liquid' });

  test('accepts an override that keeps to its rule', async () => {
    expect(await check('support/overrides/shared/persona', SUPPORT_OVERRIDE)).toEqual({ ok: true });
  });

  test('parses override names', () => {
    expect(parseOverrideFragmentName('support/emea/overrides/shared/persona')).toEqual({
      team: 'support/emea/',
      central: 'shared/persona',
    });
    expect(parseOverrideFragmentName('support/persona')).toBeUndefined();
    expect(parseOverrideFragmentName('overrides/shared/persona')).toBeUndefined();
  });

  test.each([
    [
      'no rule for the central fragment',
      'support/overrides/shared/persona',
      SUPPORT_OVERRIDE,
      [],
      'support/overrides/shared/persona, line 1: shared/persona has no rule under overrides: in policies.yaml, so it cannot be overridden',
    ],
    [
      'a team folder the rule does not list',
      'sales/overrides/shared/persona',
      SUPPORT_OVERRIDE,
      [RULE],
      'sales/overrides/shared/persona, line 1: policies.yaml lets support/, billing/ override shared/persona, not sales/',
    ],
    [
      'a locked block',
      'support/overrides/shared/persona',
      "{% layout 'shared/persona' %}\n{% block tone %}x{% endblock %}\n{% block safety %}y{% endblock %}",
      [RULE],
      "support/overrides/shared/persona, line 3: block 'safety' of shared/persona is locked",
    ],
    [
      'text outside blocks',
      'support/overrides/shared/persona',
      "{% layout 'shared/persona' %}\nHello\n{% block tone %}x{% endblock %}",
      [RULE],
      'support/overrides/shared/persona, line 1: text outside a {% block %} would be ignored',
    ],
    [
      'a layout naming another fragment',
      'support/overrides/shared/persona',
      "{% layout 'shared/other' %}{% block tone %}x{% endblock %}",
      [RULE],
      "support/overrides/shared/persona, line 1: an override of shared/persona starts with {% layout 'shared/persona' %}",
    ],
    [
      'no layout',
      'support/overrides/shared/persona',
      '{% block tone %}x{% endblock %}',
      [RULE],
      "support/overrides/shared/persona, line 1: an override starts with {% layout 'shared/persona' %}",
    ],
  ])('refuses %s', async (_case, name, template, rules, message) => {
    const result = await check(name, template, rules);
    if (result.ok) throw new Error('expected a refusal');
    expect(result.error.message.startsWith(message)).toBe(true);
    expect(result.error.details.location).toEqual({ file: 'fragments/x.liquid', field: 'template' });
  });

  test('refuses an override whose central fragment does not exist', async () => {
    const rules = [{ ...RULE, fragment: 'shared/missing' }];
    const result = await check('support/overrides/shared/missing', SUPPORT_OVERRIDE, rules);
    expect(result.ok ? '' : result.error.message).toContain(
      'the central fragment shared/missing it overrides does not exist',
    );
  });
});
