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
  };
  crossings: { plant: string; line: string; key: string; at: number };
  users: {
    username: string;
    display_name: string;
    role: string;
    scopes: string;
    password_hash: string;
    created_at: number;
  };
  sessions: { token_hash: string; username: string; created_at: number; expires_at: number };
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
}
