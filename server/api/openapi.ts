import { z } from 'zod';
import { EdgeKeyCreate, EdgeKeyCreated, EdgeKeyView, FieldErrors, PanelCreate, PanelCreated, PanelView, PolicyView, UserCreate, UserPatch, UserView } from '../../src/protocol/admin.ts';
import { Alert } from '../../src/protocol/alert.ts';
import { AuditPage } from '../../src/protocol/audit.ts';
import { Catalogue } from '../../src/protocol/catalogue.ts';
import { CommandAck, OperatorCommand } from '../../src/protocol/commands.ts';
import { AlertTimeline } from '../../src/protocol/history.ts';
import { IngestAck, InferenceResult } from '../../src/protocol/inference.ts';
import { AlarmLoadReport, DriftReport, SuppressionLog, TrustReport } from '../../src/protocol/kpi.ts';
import { ErrorBody } from '../../src/protocol/refusal.ts';
import { LabelRecord } from '../../src/protocol/label.ts';
import { PlantPolicy, PolicyBook } from '../../src/protocol/policy.ts';
import { LoginBody, Me, OperatorBadgeBody, PanelLoginBody } from '../../src/protocol/session.ts';
import { TrendQuery } from '../../src/protocol/trend.ts';
import { KeyIdParams, UsernameParams } from './admin-routes.ts';
import { AlertIdParams, AlertsQuery } from './alerts-routes.ts';
import { AuditQuery } from './audit-routes.ts';
import { PlantParams } from './config-routes.ts';
import { PanelIdParams } from './panel-admin-routes.ts';
import { DriftQuery, KpiQuery, SuppressionQuery, TrustQuery } from './kpi-routes.ts';
import { LabelsQuery } from './labels-routes.ts';

type Who = 'public' | 'edge key' | 'set-up token' | 'viewer' | 'operator' | 'supervisor' | 'engineer' | 'admin';

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, `{param}` style. */
  path: string;
  who: Who;
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Media type of the answer when it is not JSON. */
  produces?: string;
  status?: number;
}

/** Every HTTP route of the relay, with its zod schemas: the OpenAPI document is generated from this list. */
export const ROUTES: RouteDoc[] = [
  { method: 'post', path: '/api/v1/session', who: 'public', summary: 'Sign in (rate limited); sets the session cookie', body: LoginBody, response: Me },
  { method: 'get', path: '/api/v1/session', who: 'viewer', summary: 'Who is signed in', response: Me },
  { method: 'delete', path: '/api/v1/session', who: 'public', summary: 'Sign out', status: 204 },
  { method: 'post', path: '/api/v1/panel-session', who: 'public', summary: 'A panel device signs in with its token: a viewer session bound to one line', body: PanelLoginBody },
  { method: 'post', path: '/api/v1/panel-session/operator', who: 'viewer', summary: 'An operator identifies on a panel with badge and PIN', body: OperatorBadgeBody },
  { method: 'delete', path: '/api/v1/panel-session/operator', who: 'viewer', summary: 'The operator leaves the panel (it falls back to viewer)' },
  { method: 'get', path: '/api/v1/plants', who: 'viewer', summary: 'Plants you may see, for choosers' },
  { method: 'get', path: '/api/v1/trend', who: 'viewer', summary: "An asset's score and feature values over a time window, downsampled", query: TrendQuery },
  { method: 'post', path: '/api/v1/setup', who: 'set-up token', summary: 'First run without demo data: create the first admin with the printed token', status: 201 },
  { method: 'post', path: '/api/v1/inferences', who: 'edge key', summary: 'Publish inference results (Authorization: Bearer KEY); answered per item', body: z.array(InferenceResult).max(1000), response: IngestAck, status: 202 },
  { method: 'get', path: '/api/v1/catalogues', who: 'viewer', summary: 'Plants with a feature catalogue, within your scope', response: z.array(z.string()) },
  { method: 'get', path: '/api/v1/catalogue/{plant}', who: 'viewer', summary: "A plant's feature catalogue", params: PlantParams, response: Catalogue },
  { method: 'put', path: '/api/v1/catalogue/{plant}', who: 'engineer', summary: "Replace a plant's feature catalogue (import); panels reload it", params: PlantParams, body: Catalogue, response: Catalogue },
  { method: 'get', path: '/api/v1/alerts', who: 'viewer', summary: 'Alerts not ended; with from/to, every alert whose life overlaps the range (event time)', query: AlertsQuery, response: z.array(Alert) },
  { method: 'get', path: '/api/v1/alerts/{id}', who: 'viewer', summary: "One alert's timeline: changes with who and why, result summaries, labels with versions", params: AlertIdParams, response: AlertTimeline },
  { method: 'post', path: '/api/v1/commands', who: 'operator', summary: 'An operator command (acknowledge, shelve, unshelve, out_of_service, return_to_service, feedback); role checked per command', body: OperatorCommand, response: CommandAck },
  { method: 'get', path: '/api/v1/kpi/alarm-load', who: 'supervisor', summary: 'Alarm load against the ISA-18.2 targets, and what was held back', query: KpiQuery, response: AlarmLoadReport },
  { method: 'get', path: '/api/v1/kpi/trust', who: 'supervisor', summary: 'Trust per alarm key and model version, from operator feedback', query: TrustQuery, response: TrustReport },
  { method: 'get', path: '/api/v1/kpi/drift', who: 'supervisor', summary: "Drift per model version and feature, from the results' drift figures", query: DriftQuery, response: DriftReport },
  { method: 'get', path: '/api/v1/suppression-log', who: 'supervisor', summary: 'What was held back or shelved, by whom, why and until when; assets out of service', query: SuppressionQuery, response: SuppressionLog },
  { method: 'get', path: '/api/v1/labels', who: 'supervisor', summary: 'Labels for retraining, streamed as JSONL (one LabelRecord per line) or CSV; next poll from the x-next-cursor header', query: LabelsQuery, response: LabelRecord, produces: 'application/x-ndjson' },
  { method: 'get', path: '/api/v1/audit', who: 'supervisor', summary: 'The hash-chained audit trail, filtered, paged with a cursor', query: AuditQuery, response: AuditPage },
  { method: 'get', path: '/api/v1/policy', who: 'engineer', summary: 'The alarm policy book in force', response: PolicyView },
  { method: 'put', path: '/api/v1/policy', who: 'engineer', summary: 'Replace the policy book (scope over every plant); refusals name each field', body: PolicyBook, response: PolicyView },
  { method: 'put', path: '/api/v1/policy/plants/{plant}', who: 'engineer', summary: "Replace one plant's policy and its line and model overrides", params: PlantParams, body: PlantPolicy, response: PolicyView },
  { method: 'get', path: '/api/v1/admin/users', who: 'admin', summary: 'Users with roles and scopes', response: z.array(UserView) },
  { method: 'post', path: '/api/v1/admin/users', who: 'admin', summary: 'Create a user (password stored as a slow hash)', body: UserCreate, response: UserView, status: 201 },
  { method: 'patch', path: '/api/v1/admin/users/{username}', who: 'admin', summary: 'Change name, role, scopes, password, or badge + PIN; disable or enable', params: UsernameParams, body: UserPatch, response: UserView },
  { method: 'get', path: '/api/v1/admin/edge-keys', who: 'admin', summary: 'Edge keys (never the key itself)', response: z.array(EdgeKeyView) },
  { method: 'post', path: '/api/v1/admin/edge-keys', who: 'admin', summary: 'Create an edge key; the key is in this answer only', body: EdgeKeyCreate, response: EdgeKeyCreated, status: 201 },
  { method: 'post', path: '/api/v1/admin/edge-keys/{id}/revoke', who: 'admin', summary: 'Revoke an edge key, effective at once', params: KeyIdParams, response: EdgeKeyView },
  { method: 'get', path: '/api/v1/admin/panels', who: 'admin', summary: 'Panel devices, each bound to one line', response: z.array(PanelView) },
  { method: 'post', path: '/api/v1/admin/panels', who: 'admin', summary: 'Create a panel device; its token is in this answer only', body: PanelCreate, response: PanelCreated, status: 201 },
  { method: 'post', path: '/api/v1/admin/panels/{id}/revoke', who: 'admin', summary: 'Revoke a panel device and end its sessions', params: PanelIdParams, response: PanelView },
  { method: 'get', path: '/healthz', who: 'public', summary: 'Liveness' },
  { method: 'get', path: '/readyz', who: 'public', summary: 'Readiness: store and engine' },
  { method: 'get', path: '/metrics', who: 'public', summary: 'Prometheus metrics', produces: 'text/plain' },
];

const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;

function parameters(s: z.ZodType | undefined, where: 'query' | 'path') {
  if (!s) return [];
  const js = schema(s, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, sch]) => ({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: sch }));
}

const errors = {
  400: { description: 'Invalid input; the message names each field', content: { 'application/json': { schema: schema(FieldErrors.partial({ fields: true }), 'output') } } },
  401: { description: 'Not signed in (or unknown edge key)', content: { 'application/json': { schema: schema(ErrorBody, 'output') } } },
  403: { description: 'Role or scope does not allow it', content: { 'application/json': { schema: schema(ErrorBody, 'output') } } },
};

/** The OpenAPI 3.0 document of the relay, generated from the zod schemas the routes validate with. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const ok = r.response ? { content: { [r.produces ?? 'application/json']: { schema: schema(r.response, 'output') } } } : {};
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      description: `Who may call it: ${r.who === 'public' || r.who.includes(' ') ? r.who : `${r.who} role or higher, within scope`}.`,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(r.body, 'input') } } } } : {}),
      responses: { [r.status ?? 200]: { description: 'OK', ...ok }, ...(r.who === 'public' ? {} : errors) },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Clearline relay', version: '1', description: 'REST API of the Clearline relay. Browsers sign in with POST /api/v1/session (cookie); edges use Bearer edge keys.' },
    paths,
  };
}
