import type { FastifyInstance } from 'fastify';
import { policy } from './route-policy.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Operation { summary?: string; description?: string }
type Paths = Record<string, Record<string, Operation>>;

/** `/api/docs`: a plain page listing every route; `/api/docs/openapi.json`: the OpenAPI document @fastify/swagger generates from the declarations. */
export function openapiRoutes(app: FastifyInstance) {
  const docs = { schema: { hide: true }, config: policy('public') };
  app.get('/api/docs/openapi.json', docs, async () => app.swagger());
  app.get('/api/docs', docs, async (_req, reply) => {
    const paths = (app.swagger() as { paths?: Paths }).paths ?? {};
    const rows = Object.entries(paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) =>
      `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${esc(path)}</code></td><td>${esc(op.description ?? '')}</td><td>${esc(op.summary ?? '')}</td></tr>`)).join('\n');
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clearline API</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem; color: #15181b; background: #e6e7e8">
<h1>Clearline relay API</h1>
<p>Machine-readable: <a href="/api/docs/openapi.json">OpenAPI 3 document (JSON)</a>, generated from the route declarations the relay validates and authorises with.
Browsers sign in with <code>POST /api/v1/session</code>; edges send <code>Authorization: Bearer KEY</code>.</p>
<table style="border-collapse: collapse" border="1" cellpadding="6">
<thead><tr><th>method</th><th>path</th><th>who</th><th>what</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>`;
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
