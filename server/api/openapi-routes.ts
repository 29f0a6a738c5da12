import type { FastifyInstance } from 'fastify';
import { openApiDocument, ROUTES } from './openapi.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `/api/docs`: a plain page listing every route; `/api/docs/openapi.json`: the generated OpenAPI document. */
export function openapiRoutes(app: FastifyInstance) {
  let doc: ReturnType<typeof openApiDocument> | null = null;
  app.get('/api/docs/openapi.json', async () => (doc ??= openApiDocument()));
  app.get('/api/docs', async (_req, reply) => {
    const rows = ROUTES.map((r) => `<tr><td><code>${r.method.toUpperCase()}</code></td><td><code>${esc(r.path)}</code></td><td>${esc(r.who)}</td><td>${esc(r.summary)}</td></tr>`).join('\n');
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clearline API</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2rem; color: #15181b; background: #e6e7e8">
<h1>Clearline relay API</h1>
<p>Machine-readable: <a href="/api/docs/openapi.json">OpenAPI 3 document (JSON)</a>, generated from the zod schemas the relay validates with.
Browsers sign in with <code>POST /api/v1/session</code>; edges send <code>Authorization: Bearer KEY</code>.</p>
<table style="border-collapse: collapse" border="1" cellpadding="6">
<thead><tr><th>method</th><th>path</th><th>who</th><th>what</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>`;
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
