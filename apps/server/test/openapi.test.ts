// The API describes itself: an OpenAPI document generated from the route schemas, and its docs page.
import { describe, expect, it } from 'vitest';
import { useApi } from './support/api.js';
import { pgliteTarget } from './support/databases.js';

// The description does not depend on the database: PGlite only.
describe('the API description', () => {
  const api = useApi(pgliteTarget);
  const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

  it('serves an OpenAPI 3 document that lists every route of the route table with its method', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.json() as { openapi: string; info: { title: string }; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Trellis API');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const routes = api.app.routeTable.filter((r) => r.url !== '/api/openapi.json').map((r) => `${r.method} ${openApiPath(r.url)}`);
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(documented.sort()).toEqual(routes.sort());
  });

  it('describes request bodies, parameters and responses from the same schemas the server validates with', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const create = doc.paths['/api/units'].post;
    const body = create.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['kind', 'name', 'parentId']));
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.kind.enum).toEqual(['state', 'region', 'district', 'feeder_pattern', 'school', 'department']);
    expect(Object.keys(create.responses)).toContain('201');
    const move = doc.paths['/api/units/{id}/move'].post;
    expect(move.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'path', name: 'id', required: true })]));
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'trellis_session' });
  });

  it('serves the API docs as an HTML page', async () => {
    let res = await api.app.inject({ method: 'GET', url: '/api/docs' });
    if (res.statusCode >= 300 && res.statusCode < 400) res = await api.app.inject({ method: 'GET', url: new URL(res.headers.location as string, 'http://localhost/api/docs').pathname });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
    expect(res.body).toMatch(/swagger/i);
    // Every script and stylesheet the page loads is served from this origin (the CSP allows only 'self').
    const assets = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      expect(asset.startsWith('/api/docs/'), asset).toBe(true);
      expect((await api.app.inject({ method: 'GET', url: asset })).statusCode, asset).toBe(200);
    }
  });

  it('answers an unknown API path with a 404 problem, not the web app', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, detail: expect.stringContaining('/api/no-such-thing') });
  });
});
