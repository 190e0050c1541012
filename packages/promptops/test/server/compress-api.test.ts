import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { apiClient } from './api-client.ts';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

const PROMPT = 'support/compressed-classify';
const TEMPLATE_START = 'Classify ticket into: billing|technical|product|returns|general';
/** Two padded sentences the rules shorten (docs/compress.md: make-sure-filler, in-order-to, politeness-padding). */
const PADDING = 'Please make sure to read the whole ticket in order to classify it. Thank you!';

describeEachDatabase('compression in the editor (POST /api/drafts/compress)', (database) => {
  let fixture: ServerFixture;
  let original: string;
  const { expectStatus, expectError } = apiClient(() => fixture);
  const compress = (text: string, as = 'alice', name = PROMPT) =>
    expectStatus(200, '/api/drafts/compress', { as, body: { name, text } });

  beforeAll(async () => {
    fixture = await startServerFixture({ database: () => database.open() });
    original = (await expectStatus(200, `/api/drafts/prompt/${PROMPT}`, { as: 'alice' })).text;
    expect(original).toContain(TEMPLATE_START);
  }, 60_000);
  afterAll(() => fixture?.close());

  it("suggests a shorter wording of the editor's text, with tokens saved and the file to put back", async () => {
    const padded = original.replace(TEMPLATE_START, `${PADDING}\n  ${TEMPLATE_START}`);
    const result = await compress(padded);
    expect(result.ok).toBe(true);
    expect(result.suggestions).toEqual([
      {
        field: 'text',
        before: expect.stringContaining(PADDING),
        after: expect.stringMatching(/^Read the whole ticket to classify it\.\nClassify ticket into:/),
        rules: expect.arrayContaining(['make-sure-filler', 'in-order-to', 'politeness-padding']),
        tokensBefore: expect.any(Number),
        tokensAfter: expect.any(Number),
      },
    ]);
    const [suggestion] = result.suggestions;
    expect(suggestion.tokensAfter).toBeLessThan(suggestion.tokensBefore);
    expect(result.tokens.before - result.tokens.after).toBe(suggestion.tokensBefore - suggestion.tokensAfter);
    expect(result.tokens.rendered.after).toBeLessThan(result.tokens.rendered.before);
    expect(result.content.text).toBe(suggestion.after);
    expect(result.content.owner).toBe('customer-support');
    // The text is the prompt's file as pull writes it: the check reads it back as the same content.
    expect(result.text).toContain('# yaml-language-server: $schema=');
    const checked = await expectStatus(200, '/api/drafts/check', {
      as: 'alice',
      body: { kind: 'prompt', name: PROMPT, text: result.text },
    });
    expect(checked.ok).toBe(true);
    expect(checked.content).toEqual(result.content);
    // Nothing saved: the catalog still has v1 only.
    const detail = await expectStatus(200, `/api/artifacts/prompt/${PROMPT}`, { as: 'alice' });
    expect(detail.artifact.headVersion).toBe(1);
  });

  it('shortens list items of a structured prompt with retrieval sources (the support assistant)', async () => {
    const assistant = (await expectStatus(200, '/api/drafts/prompt/support/assistant', { as: 'alice' })).text;
    const padded = assistant.replace(
      /^(\s*)- Ask at most one question per reply$/m,
      '$&\n$1- Please make sure to ask for the order number in order to look it up',
    );
    expect(padded).not.toBe(assistant);
    const result = await compress(padded, 'alice', 'support/assistant');
    expect(result.ok).toBe(true);
    expect(result.suggestions).toEqual([
      expect.objectContaining({
        field: expect.stringMatching(/^system\.guidelines\[\d+\]$/),
        after: 'Ask for the order number to look it up',
      }),
    ]);
    expect(result.text).toContain('- Ask for the order number to look it up');
  });

  it('says so when nothing gets shorter, and gives the text back as sent', async () => {
    const result = await compress(original);
    expect(result).toMatchObject({ ok: true, suggestions: [], text: original, rejected: [] });
    expect(result.tokens).toEqual({
      before: expect.any(Number),
      after: result.tokens.before,
      rendered: null,
    });
  });

  it("answers a bad file with the check's problems list, line and field included", async () => {
    const broken = original.replace('owner: customer-support', 'ownr: customer-support');
    const result = await compress(broken);
    const checked = await expectStatus(200, '/api/drafts/check', {
      as: 'alice',
      body: { kind: 'prompt', name: PROMPT, text: broken },
    });
    expect(result).toEqual({ ok: false, issues: checked.issues });
    expect(result.issues).toContainEqual({
      field: 'ownr',
      line: expect.any(Number),
      column: 1,
      message: expect.stringContaining('unknown key "ownr"'),
    });
    const undeclared = await compress(original.replace('{{ ticket }}', '{{ tickt }}'));
    expect(undeclared.ok).toBe(false);
    expect(undeclared.issues[0].message).toContain('tickt');
  });

  it('answers a bad request with 400 naming the field, and needs read rights on the name', async () => {
    const missing = await expectError(400, 'invalid_argument', '/api/drafts/compress', {
      as: 'alice',
      body: { name: PROMPT },
    });
    expect(missing.message).toContain('text');
    const extra = await expectError(400, 'invalid_argument', '/api/drafts/compress', {
      as: 'alice',
      body: { name: PROMPT, text: original, kind: 'fragment' },
    });
    expect(extra.message).toContain('kind');
    await expectError(400, 'invalid_argument', '/api/drafts/compress', {
      as: 'alice',
      body: { name: '', text: original },
    });
    // viv reads billing/ only.
    await expectError(403, 'forbidden', '/api/drafts/compress', {
      as: 'viv',
      body: { name: PROMPT, text: original },
    });
  });
});
