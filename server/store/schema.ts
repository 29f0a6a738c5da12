import type { Generated } from 'kysely';

/** Table shapes shared by the SQLite and PostgreSQL stores. JSON is stored as text in both. */
export interface Database {
  results: {
    rowid: Generated<number>;
    edge_key: string;
    id: string;
    plant: string;
    line: string;
    asset: string;
    ts: number;
    score: number;
    threshold: number;
    body: string;
    model: string | null;
    model_version: string | null;
    /** The result's `drift` as JSON, when it had one. */
    drift: string | null;
  };
  alerts: {
    id: string;
    key: string;
    plant: string;
    line: string;
    asset: string;
    state: string;
    active: number;
    raised_at: number;
    updated_seq: number;
    body: string;
    /** Event time the alert was last active: its `clearedAt`, else its `lastAt` (filled from the latest change's `at` for rows stored before 0003). */
    last_change_at: number | null;
  };
  alert_changes: {
    seq: Generated<number>;
    alert_id: string;
    plant: string;
    line: string;
    kind: string;
    at: number;
    by_user: string | null;
    reason: string | null;
    body: string;
    key: string | null;
    priority: string | null;
    active: number | null;
    chattering: number | null;
    annunciated_at: number | null;
  };
  crossings: { plant: string; line: string; key: string; at: number };
  users: {
    username: string;
    display_name: string;
    role: string;
    scopes: string;
    password_hash: string;
    created_at: number;
    disabled_at: number | null;
    badge: string | null;
    pin_hash: string | null;
  };
  sessions: {
    token_hash: string;
    username: string;
    created_at: number;
    expires_at: number;
    panel_id: string | null;
    operator: string | null;
    operator_until: number | null;
  };
  panels: { id: string; name: string; plant: string; line: string; token_hash: string; created_at: number; revoked_at: number | null };
  edge_keys: {
    id: string;
    name: string;
    key_hash: string;
    scopes: string;
    created_at: number;
    revoked_at: number | null;
  };
  catalogues: { plant: string; body: string; updated_at: number };
  commands: { command_id: string; username: string; at: number; answer: string };
  labels: {
    seq: Generated<number>;
    id: string;
    alert_id: string;
    version: number;
    plant: string;
    line: string;
    model: string;
    model_version: string;
    at: number;
    body: string;
  };
  audit: {
    seq: Generated<number>;
    at: number;
    actor: string;
    action: string;
    target: string;
    detail: string;
    prev_hash: string;
    hash: string;
  };
  engine_snapshots: { id: number; results_rowid: number; at: number; body: string };
  policy_versions: { seq: Generated<number>; at: number; by_user: string; body: string };
}
