import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './api-client.ts';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

/**
 * Every route the route files add, as `METHOD /path`, read from their source: Fastify has no list
 * of its routes (printRoutes folds parametric segments), and a route added later in any file here
 * is caught without this test changing.
 */
async function routesInSource(): Promise<string[]> {
  const folder = new URL('../../src/server/routes/', import.meta.url);
  const routes: string[] = [];
  for (const file of await readdir(folder)) {
    const source = await readFile(new URL(file, folder), 'utf8');
    for (const match of source.matchAll(/\bapp\.(get|post|put|delete|patch)\b[\s\S]*?\(\s*'(\/[^']*)'/g)) {
      routes.push(`${match[1]!.toUpperCase()} ${match[2]}`);
    }
  }
  return routes;
}

/** `/api/changes/:id/approve` as OpenAPI writes it; a trailing wildcard is the artifact `name`. */
const asOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{name}');

describe('the OpenAPI document and the docs page', () => {
  let fixture: ServerFixture;
  const { call, expectStatus } = apiClient(() => fixture);

  beforeAll(async () => {
    fixture = await startServerFixture();
  });
  afterAll(() => fixture?.close());

  it('lists every /api route with its method, generated from the route schemas', async () => {
    const document = await expectStatus(200, '/api/openapi.json'); // public: no token
    expect(document.openapi).toBe('3.1.0');
    const inSource = (await routesInSource()).filter((route) => route.includes(' /api/'));
    expect(inSource.length).toBeGreaterThan(30);
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const route of inSource) {
      const [method, path] = route.split(' ') as [string, string];
      expect(documented, route).toContain(`${method} ${asOpenApiPath(path)}`);
    }
    // And everything documented is served.
    for (const operation of documented) {
      const [method, path] = operation.split(' ') as [string, string];
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      const served = [url, url.replace(/:name$/, '*')].some((candidate) =>
        fixture.server.app.hasRoute({ method: method as 'GET', url: candidate }),
      );
      expect(served, operation).toBe(true);
    }
    expect(documented.filter((operation) => operation.includes(' /api/'))).toHaveLength(inSource.length);

    const approve = document.paths['/api/changes/{id}/approve'].post;
    expect(approve.requestBody.content['application/json'].schema.properties).toHaveProperty('revision');
    expect(approve.responses['4XX'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ErrorEnvelope',
    );
    expect(document.paths['/api/session'].post.security).toEqual([]);
    expect(document.security).toEqual([{ apiToken: [] }, { session: [] }]);
    const show = document.paths['/api/artifacts/{kind}/{name}'].get.parameters;
    expect(show.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['kind', 'name', 'version', 'environment']),
    );
  });

  it('serves the docs page and its assets from the package, with nothing from elsewhere', async () => {
    const page = await call('/api/docs'); // public
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThan(3);
    for (const asset of assets) {
      expect(asset, 'an asset the page loads').toMatch(/^\/api\/docs\//);
      const response = await call(asset);
      expect(response.status, asset).toBe(200);
      await response.arrayBuffer();
    }
    // A content security policy that allows only this server, so a browser fetches nothing else.
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const initializer = await (await call('/api/docs/static/swagger-initializer.js')).text();
    // No string in it names another host (a comment links a Stack Overflow answer).
    expect(initializer).not.toMatch(/["'`]https?:\/\//);
    const spec = await call('/api/docs/json');
    expect(spec.status).toBe(200);
  });
});
