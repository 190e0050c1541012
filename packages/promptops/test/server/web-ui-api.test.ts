import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './api-client.ts';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

/** What the web UI (issue 8) needs of the server: its files, the caller's permissions, drafts. */
describe('the web UI over HTTP', () => {
  let fixture: ServerFixture;
  let webRoot: string;
  const { call, expectStatus, expectError } = apiClient(() => fixture);

  beforeAll(async () => {
    webRoot = await mkdtemp(join(tmpdir(), 'promptops-web-'));
    await mkdir(join(webRoot, 'assets'));
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>the app shell</title>');
    await writeFile(join(webRoot, 'assets', 'app-1234.js'), 'console.log("app")');
    fixture = await startServerFixture({ webRoot });
  });
  afterAll(async () => {
    await fixture?.close();
    await rm(webRoot, { recursive: true, force: true });
  });

  describe('built files', () => {
    it('serves the app at / and at client routes without a sign-in, and the hashed bundles for a year', async () => {
      for (const path of ['/', '/prompts/support/classify-intent', '/changes/3']) {
        const response = await call(path);
        expect(response.status, path).toBe(200);
        expect(response.headers.get('content-type')).toContain('text/html');
        expect(await response.text()).toContain('the app shell');
      }
      const bundle = await call('/assets/app-1234.js');
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('cache-control')).toContain('immutable');
      expect(await bundle.text()).toContain('console.log');
    });

    it('keeps the API, the gateway and missing bundles out of the fallback', async () => {
      await expectError(404, 'route_not_found', '/api/no-such-route', { as: 'admin' });
      await expectError(404, 'route_not_found', '/assets/missing.js');
      const gateway = await call('/v1/no-such-route', { as: 'admin' });
      expect(gateway.status).toBe(404);
      expect(((await gateway.json()) as { error: unknown }).error).toMatchObject({
        type: 'invalid_request_error',
      });
      await expectError(401, 'unauthenticated', '/metrics');
      // A POST to a client route is not the app.
      await expectError(404, 'route_not_found', '/prompts/x', { method: 'POST', body: {} });
    });

    it('says how to build the UI when there is no build', async () => {
      const bare = await startServerFixture({ webRoot: join(webRoot, 'missing') });
      try {
        const response = await fetch(`${bare.url}/`);
        expect(response.status).toBe(200);
        expect(await response.text()).toContain('npm run build:web');
      } finally {
        await bare.close();
      }
    });
  });

  describe('GET /api/permissions', () => {
    it('lists the actions the caller may take on a name, by role and folder', async () => {
      const alice = await expectStatus(200, '/api/permissions?name=support/classify-intent', { as: 'alice' });
      expect(alice.actor).toBe('user:alice');
      expect(alice.allowed).toEqual(
        expect.arrayContaining(['catalog-read', 'prompt-run', 'change-propose', 'version-create']),
      );
      expect(alice.allowed).not.toContain('change-approve');
      expect(alice.allowed).not.toContain('deploy');
      // viv views billing/ only: nothing on support/.
      const viv = await expectStatus(200, '/api/permissions?name=support/classify-intent', { as: 'viv' });
      expect(viv.allowed).toEqual([]);
      const vivBilling = await expectStatus(200, '/api/permissions?name=billing/refunds', { as: 'viv' });
      expect(vivBilling.allowed).toEqual(expect.arrayContaining(['catalog-read', 'change-read']));
      expect(vivBilling.allowed).not.toContain('change-propose');
      const admin = await expectStatus(200, '/api/permissions', { as: 'admin' });
      expect(admin.allowed).toEqual(expect.arrayContaining(['audit-read', 'user-manage', 'deploy']));
    });

    it('needs a caller', async () => {
      await expectError(401, 'unauthenticated', '/api/permissions?name=support/classify-intent');
    });
  });

  describe('change requests', () => {
    it('state what the risk tier still asks of a production change: approvals, reasons, gates, canary', async () => {
      const change = await expectStatus(201, '/api/changes', {
        as: 'alice',
        body: {
          name: 'support/generate-response',
          environment: 'production',
          title: 'first release',
          version: 1,
        },
      });
      const shown = await expectStatus(200, `/api/changes/${change.id}`, { as: 'alice' });
      expect(shown.approvals).toEqual({ count: 0, needed: 2, approverRoles: ['approver'] });
      expect(shown.requirements).toEqual({
        reasonRequired: true,
        allowSelfApproval: false,
        requiredSuites: [
          { suite: 'support/behavioural', minPassRate: 0.95 },
          { suite: 'support/adversarial', minPassRate: 1 },
        ],
        canary: { required: true, minPercent: 10, minMinutes: 30 },
      });
      const staging = await expectStatus(201, '/api/changes', {
        as: 'alice',
        body: { name: 'support/generate-response', environment: 'staging', title: 'try it', version: 1 },
      });
      const stagingShown = await expectStatus(200, `/api/changes/${staging.id}`, { as: 'alice' });
      expect(stagingShown.requirements).toMatchObject({ requiredSuites: [], canary: { required: false } });
    });
  });

  describe('drafts', () => {
    it('gives a version as its file and checks an edited file, rendering the draft', async () => {
      const draft = await expectStatus(200, '/api/drafts/prompt/support/classify-intent', { as: 'alice' });
      expect(draft).toMatchObject({ kind: 'prompt', name: 'support/classify-intent', version: 1 });
      expect(draft.file).toBe('prompts/support/classify-intent.yaml');
      expect(draft.text).toContain('customer_message');

      const edited = (draft.text as string).replace('You are a customer intent classifier', 'You classify');
      const checked = await expectStatus(200, '/api/drafts/check', {
        as: 'alice',
        body: {
          kind: 'prompt',
          name: 'support/classify-intent',
          text: edited,
          variables: { customer_message: 'Where is my parcel?' },
        },
      });
      expect(checked.ok).toBe(true);
      expect(checked.content.owner).toBe('customer-support');
      expect(checked.preview.ok).toBe(true);
      const system = checked.preview.messages[0].content as string;
      expect(system).toContain('You classify');
      expect(checked.preview.tokens.estimate).toBeGreaterThan(100);
    });

    it('checks a prompt that retrieves from a knowledge base (the support assistant) without a 500', async () => {
      const draft = await expectStatus(200, '/api/drafts/prompt/support/assistant', { as: 'alice' });
      const checked = await expectStatus(200, '/api/drafts/check', {
        as: 'alice',
        body: {
          kind: 'prompt',
          name: 'support/assistant',
          text: draft.text,
          variables: { customer_message: 'Do you have a discount code?' },
        },
      });
      expect(checked.ok, JSON.stringify(checked.issues)).toBe(true);
      expect(checked.preview.ok).toBe(true);
    });

    it('names the line and field of every problem in an edited file, and saves nothing', async () => {
      const draft = await expectStatus(200, '/api/drafts/prompt/support/classify-intent', { as: 'alice' });
      const lines = (draft.text as string).split('\n');
      const ownerLine = lines.findIndex((line) => line.startsWith('owner:'));
      lines.splice(ownerLine + 1, 0, 'ownr: typo');
      const checked = await expectStatus(200, '/api/drafts/check', {
        as: 'alice',
        body: { kind: 'prompt', name: 'support/classify-intent', text: lines.join('\n') },
      });
      expect(checked.ok).toBe(false);
      expect(checked.issues).toEqual([
        expect.objectContaining({
          line: ownerLine + 2,
          field: 'ownr',
          message: expect.stringContaining('ownr'),
        }),
      ]);
      const after = await expectStatus(200, '/api/artifacts/prompt/support/classify-intent', { as: 'alice' });
      expect(after.artifact.headVersion).toBe(1);
    });

    it('lints the draft inline: findings with rule ids on the lines of the edited file', async () => {
      const draft = await expectStatus(200, '/api/drafts/prompt/support/classify-intent', { as: 'alice' });
      const lines = (draft.text as string).split('\n');
      const classify = lines.findIndex((line) => line.includes('Classify the customer message into'));
      lines.splice(classify + 1, 0, '      Be helpful.');
      const checked = await expectStatus(200, '/api/drafts/check', {
        as: 'alice',
        body: { kind: 'prompt', name: 'support/classify-intent', text: lines.join('\n') },
      });
      expect(checked.ok).toBe(true);
      const problems = checked.lint.filter((finding: { severity: string }) => finding.severity !== 'info');
      expect(problems).toEqual([
        expect.objectContaining({
          rule: 'untestable-constraint',
          severity: 'warning',
          location: {
            file: 'prompts/support/classify-intent.yaml',
            line: classify + 2,
            field: 'messages[0].content',
          },
        }),
      ]);
      expect(checked.lint.map((finding: { rule: string }) => finding.rule)).toContain('section-token-cost');
    });

    it('shows a render failure of a valid draft as the preview, not as an error', async () => {
      const draft = await expectStatus(200, '/api/drafts/prompt/support/classify-intent', { as: 'alice' });
      const checked = await expectStatus(200, '/api/drafts/check', {
        as: 'alice',
        body: { kind: 'prompt', name: 'support/classify-intent', text: draft.text, variables: {} },
      });
      expect(checked.ok).toBe(true);
      expect(checked.preview).toMatchObject({ ok: false, error: { code: 'variable_invalid' } });
    });

    it('reads fragments and example banks the same way', async () => {
      const fragment = await expectStatus(200, '/api/drafts/fragment/support/persona', { as: 'alice' });
      expect(fragment.file).toBe('fragments/support/persona.liquid');
      const checked = await expectStatus(200, '/api/drafts/check', {
        as: 'alice',
        body: { kind: 'fragment', name: 'support/persona', text: `${fragment.text}\nBe brief.` },
      });
      expect(checked.ok).toBe(true);
      expect(checked.content.template).toContain('Be brief.');
      const broken = await expectStatus(200, '/api/drafts/check', {
        as: 'alice',
        body: { kind: 'fragment', name: 'support/persona', text: `${fragment.text}\n{% if %}` },
      });
      expect(broken.ok).toBe(false);
      expect(broken.issues[0].line).toBeGreaterThan(1);

      const bank = await expectStatus(200, '/api/drafts/example-bank/support/intent-examples', {
        as: 'alice',
      });
      expect(bank.file).toBe('examples/support/intent-examples.yaml');
      const bankChecked = await expectStatus(200, '/api/drafts/check', {
        as: 'alice',
        body: { kind: 'example-bank', name: 'support/intent-examples', text: bank.text },
      });
      expect(bankChecked).toMatchObject({ ok: true, issues: [] });
    });

    it('needs read rights on the name', async () => {
      await expectError(403, 'forbidden', '/api/drafts/prompt/support/classify-intent', { as: 'viv' });
      await expectError(403, 'forbidden', '/api/drafts/check', {
        as: 'viv',
        body: { kind: 'prompt', name: 'support/classify-intent', text: 'x: 1' },
      });
    });
  });
});
