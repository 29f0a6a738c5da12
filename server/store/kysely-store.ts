import { sql, type Kysely, type Transaction } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { Alert, AlertChange } from '../../src/protocol/alert.ts';
import type { Catalogue } from '../../src/protocol/catalogue.ts';
import type { InferenceResult } from '../../src/protocol/inference.ts';
import { migrations, type Flavour } from './migrations.ts';
import type { Database } from './schema.ts';
import type { LabelRecord } from '../../src/protocol/label.ts';
import { appendAudit, type AuditInput } from './audit.ts';
import { createFirstUser } from './first-user.ts';
import { panelQueries, type PanelQueries } from './panels.ts';
import { addLabel, labelsAfter, labelsPageEnd, resultIdsBetween, type LabelFilter } from './labels.ts';
import * as history from './history.ts';
import * as kpi from './kpi-queries.ts';
import * as admin from './admin.ts';
import { auditPage, type AuditFilter } from './audit-query.ts';
import type { AlertState } from '../../src/protocol/alert.ts';
import type { EdgeKeyRecord, IngestWrite, NewChange, Room, Store, UserRecord } from './store.ts';

const CHUNK = 200;

/** The Store on Kysely: the same queries for SQLite and PostgreSQL (core: ingest, replay, auth, labels, audit). */
class KyselyCore {
  readonly flavour: Flavour;
  readonly db: Kysely<Database>;
  readonly panels: PanelQueries;

  constructor(db: Kysely<Database>, flavour: Flavour) {
    this.db = db;
    this.flavour = flavour;
    this.panels = panelQueries(db);
  }

  async migrate(): Promise<void> {
    const list = migrations(this.flavour);
    const migrator = new Migrator({ db: this.db, provider: { getMigrations: async () => list } });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async seenResults(edgeKey: string, ids: string[]): Promise<Set<string>> {
    const seen = new Set<string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.db.selectFrom('results').select('id')
        .where('edge_key', '=', edgeKey).where('id', 'in', ids.slice(i, i + CHUNK)).execute();
      for (const r of rows) seen.add(r.id);
    }
    return seen;
  }

  async commitIngest(write: IngestWrite): Promise<AlertChange[]> {
    return this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < write.results.length; i += CHUNK) {
        await trx.insertInto('results').values(write.results.slice(i, i + CHUNK).map((r) => ({
          edge_key: write.edgeKey, id: r.id, plant: r.plant, line: r.line, asset: r.asset,
          ts: r.ts, score: r.score, threshold: r.threshold, body: JSON.stringify(r),
          model: r.model.name, model_version: r.model.version, drift: r.drift ? JSON.stringify(r.drift) : null,
        }))).execute();
      }
      for (let i = 0; i < write.crossings.length; i += CHUNK) {
        await trx.insertInto('crossings').values(write.crossings.slice(i, i + CHUNK)).execute();
      }
      return insertChanges(trx, write.changes, this.flavour);
    });
  }

  async appendChanges(changes: NewChange[]): Promise<AlertChange[]> {
    if (!changes.length) return [];
    return this.db.transaction().execute((trx) => insertChanges(trx, changes, this.flavour));
  }

  async changesAfter(room: Room, seq: number, limit: number): Promise<AlertChange[]> {
    let q = this.db.selectFrom('alert_changes').select(['seq', 'body'])
      .where('seq', '>', seq).where('plant', '=', room.plant);
    if (room.line) q = q.where('line', '=', room.line);
    const rows = await q.orderBy('seq').limit(limit).execute();
    return rows.map((r) => ({ ...(JSON.parse(r.body) as NewChange), seq: Number(r.seq) }));
  }

  async latestSeq(): Promise<number> {
    const row = await this.db.selectFrom('alert_changes').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
    return Number(row?.m ?? 0);
  }

  async alert(id: string): Promise<Alert | null> {
    const row = await this.db.selectFrom('alerts').select('body').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.body) as Alert) : null;
  }

  async openAlerts(room: Room): Promise<Alert[]> {
    let q = this.db.selectFrom('alerts').select('body').where('plant', '=', room.plant).where('state', '!=', 'normal');
    if (room.line) q = q.where('line', '=', room.line);
    const rows = await q.orderBy('raised_at').limit(5000).execute();
    return rows.map((r) => JSON.parse(r.body) as Alert);
  }

  async prune(cutoff: { resultsBefore: number; historyBefore: number }) {
    const results = await this.db.deleteFrom('results').where('ts', '<', cutoff.resultsBefore).executeTakeFirst();
    const ended = this.db.selectFrom('alerts').select('id').where('state', '=', 'normal').where('raised_at', '<', cutoff.historyBefore);
    const changes = await this.db.deleteFrom('alert_changes').where('at', '<', cutoff.historyBefore).where('alert_id', 'in', ended).executeTakeFirst();
    await this.db.deleteFrom('alerts').where('state', '=', 'normal').where('raised_at', '<', cutoff.historyBefore)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('alert_changes').select('seq').whereRef('alert_changes.alert_id', '=', 'alerts.id')))).execute();
    await this.db.deleteFrom('crossings').where('at', '<', cutoff.historyBefore).execute();
    return { results: Number(results.numDeletedRows), changes: Number(changes.numDeletedRows) };
  }

  async resultCount(): Promise<number> {
    const row = await this.db.selectFrom('results').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async resultsAfter(rowid: number, limit: number) {
    const rows = await this.db.selectFrom('results').select(['rowid', 'body']).where('rowid', '>', rowid)
      .orderBy('rowid').limit(limit).execute();
    return rows.map((r) => ({ rowid: Number(r.rowid), result: JSON.parse(r.body) as InferenceResult }));
  }

  async maxResultRowid(): Promise<number> {
    const row = await this.db.selectFrom('results').select((eb) => eb.fn.max('rowid').as('m')).executeTakeFirst();
    return Number(row?.m ?? 0);
  }

  async saveEngineSnapshot(resultsRowid: number, at: number, body: string, slot = 1): Promise<void> {
    await this.db.insertInto('engine_snapshots').values({ id: slot, results_rowid: resultsRowid, at, body })
      .onConflict((oc) => oc.column('id').doUpdateSet({ results_rowid: resultsRowid, at, body })).execute();
  }

  async loadEngineSnapshot(slot = 1) {
    const row = await this.db.selectFrom('engine_snapshots').selectAll().where('id', '=', slot).executeTakeFirst();
    return row ? { resultsRowid: Number(row.results_rowid), body: row.body } : null;
  }

  async commandAnswer(commandId: string): Promise<{ username: string; answer: string } | null> {
    const row = await this.db.selectFrom('commands').select(['username', 'answer']).where('command_id', '=', commandId).executeTakeFirst();
    return row ?? null;
  }

  async saveCommandAnswer(commandId: string, username: string, at: number, answer: string): Promise<void> {
    await this.db.insertInto('commands').values({ command_id: commandId, username, at, answer })
      .onConflict((oc) => oc.column('command_id').doNothing()).execute();
  }

  async upsertUser(u: UserRecord, at: number): Promise<void> {
    const row = { display_name: u.displayName, role: u.role, scopes: JSON.stringify(u.scopes), password_hash: u.passwordHash };
    await this.db.insertInto('users').values({ username: u.username, created_at: at, ...row })
      .onConflict((oc) => oc.column('username').doUpdateSet(row)).execute();
  }

  async user(username: string): Promise<UserRecord | null> {
    const r = await this.db.selectFrom('users').selectAll().where('username', '=', username).where('disabled_at', 'is', null).executeTakeFirst();
    return r ? { username: r.username, displayName: r.display_name, role: r.role as UserRecord['role'], scopes: JSON.parse(r.scopes), passwordHash: r.password_hash } : null;
  }

  async userCount(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  createFirstUser(u: UserRecord, at: number): Promise<boolean> {
    return createFirstUser(this.db, this.flavour, u, at);
  }

  async createSession(tokenHash: string, username: string, at: number, expiresAt: number): Promise<void> {
    await this.db.insertInto('sessions').values({ token_hash: tokenHash, username, created_at: at, expires_at: expiresAt }).execute();
  }

  async sessionUser(tokenHash: string, now: number): Promise<string | null> {
    const r = await this.db.selectFrom('sessions').select('username').where('token_hash', '=', tokenHash)
      .where('expires_at', '>', now).executeTakeFirst();
    return r?.username ?? null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async upsertEdgeKey(k: EdgeKeyRecord, at: number): Promise<void> {
    const row = { name: k.name, key_hash: k.keyHash, scopes: JSON.stringify(k.scopes), revoked_at: k.revokedAt };
    await this.db.insertInto('edge_keys').values({ id: k.id, created_at: at, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
  }

  async edgeKeyById(id: string): Promise<EdgeKeyRecord | null> {
    const r = await this.db.selectFrom('edge_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? { id: r.id, name: r.name, keyHash: r.key_hash, scopes: JSON.parse(r.scopes), revokedAt: r.revoked_at === null ? null : Number(r.revoked_at) } : null;
  }

  addLabel(label: Omit<LabelRecord, 'version'>): Promise<LabelRecord> {
    return addLabel(this.db, label, this.flavour);
  }

  labelsAfter(filter: LabelFilter, cursor: number, limit: number) {
    return labelsAfter(this.db, filter, cursor, limit);
  }

  async resultsBetween(where: { plant: string; line: string; asset: string }, from: number, to: number, limit: number) {
    const rows = await this.db.selectFrom('results').select('body').where('plant', '=', where.plant).where('line', '=', where.line)
      .where('asset', '=', where.asset).where('ts', '>=', from).where('ts', '<', to).orderBy('ts').limit(limit).execute();
    return rows.map((r) => JSON.parse(r.body) as InferenceResult);
  }

  resultIdsBetween(where: { plant: string; line: string; asset: string }, from: number, to: number) {
    return resultIdsBetween(this.db, where, from, to);
  }

  audit(entries: AuditInput[]): Promise<void> {
    return appendAudit(this.db, this.flavour, entries);
  }

  async catalogues(): Promise<Catalogue[]> {
    const rows = await this.db.selectFrom('catalogues').select('body').orderBy('plant').limit(1000).execute();
    return rows.map((r) => JSON.parse(r.body) as Catalogue);
  }

  async catalogue(plant: string): Promise<Catalogue | null> {
    const r = await this.db.selectFrom('catalogues').select('body').where('plant', '=', plant).executeTakeFirst();
    return r ? (JSON.parse(r.body) as Catalogue) : null;
  }

  async saveCatalogue(c: Catalogue, at: number): Promise<void> {
    const body = JSON.stringify(c);
    await this.db.insertInto('catalogues').values({ plant: c.plant, body, updated_at: at })
      .onConflict((oc) => oc.column('plant').doUpdateSet({ body, updated_at: at })).execute();
  }
}

/** History, supervisor figures and administration: thin delegations to the query modules. */
export class KyselyStore extends KyselyCore implements Store {
  alertsBetween(room: Room, range: history.TimeRange, state: AlertState | undefined, limit: number) {
    return history.alertsBetween(this.db, room, range, state, limit);
  }
  changesOfAlert(id: string, limit: number) {
    return history.changesOfAlert(this.db, id, limit);
  }
  resultsOfAsset(where: { plant: string; line: string; asset: string; model: string }, range: history.TimeRange, max: number) {
    return history.resultsOfAsset(this.db, where, range, max);
  }
  labelsOfAlert(alertId: string) {
    return history.labelsOfAlert(this.db, alertId);
  }
  suppressionChanges(room: Room, range: history.TimeRange, limit: number) {
    return history.suppressionChanges(this.db, room, range, limit);
  }
  kpiChanges(room: Room, range: history.TimeRange, lookbackMs: number, limit: number) {
    return kpi.kpiChanges(this.db, room, range, lookbackMs, limit);
  }
  crossingsByKey(room: Room, range: history.TimeRange) {
    return kpi.crossingsByKey(this.db, room, range);
  }
  heldBackReasons(room: Room, range: history.TimeRange) {
    return kpi.heldBackReasons(this.db, room, range);
  }
  latestLabels(room: Room, limit: number) {
    return kpi.latestLabels(this.db, room, limit);
  }
  newestAlertsOfKeys(keys: string[]) {
    return kpi.newestAlertsOfKeys(this.db, keys);
  }
  driftRows(room: Room, range: history.TimeRange, max: number) {
    return kpi.driftRows(this.db, room, range, max);
  }
  serviceAudit(limit: number) {
    return kpi.serviceAudit(this.db, limit);
  }
  labelsPageEnd(filter: LabelFilter, cursor: number, limit: number) {
    return labelsPageEnd(this.db, filter, cursor, limit);
  }
  auditPage(filter: AuditFilter, cursor: number | undefined, limit: number, order: 'asc' | 'desc') {
    return auditPage(this.db, filter, cursor, limit, order);
  }
  listUsers() {
    return admin.listUsers(this.db);
  }
  anyUser(username: string) {
    return admin.anyUser(this.db, username);
  }
  changeUser(change: admin.UserChange, entry: AuditInput) {
    return admin.changeUser(this.db, this.flavour, change, entry);
  }
  setUserDisabled(username: string, at: number | null) {
    return admin.setUserDisabled(this.db, username, at);
  }
  endSessionsOf(username: string) {
    return admin.endSessionsOf(this.db, username);
  }
  listEdgeKeys() {
    return admin.listEdgeKeys(this.db);
  }
  listPanels() {
    return admin.listPanels(this.db);
  }
  endPanelSessions(panelId: string) {
    return admin.endPanelSessions(this.db, panelId);
  }
  cataloguePlants() {
    return admin.cataloguePlants(this.db);
  }
  savePolicy(body: string, at: number, by: string) {
    return admin.savePolicy(this.db, body, at, by);
  }
  latestPolicy() {
    return admin.latestPolicy(this.db);
  }
}

/** Gives each change its sequence number and keeps the alerts table at each alert's latest state. */
async function insertChanges(trx: Transaction<Database>, changes: NewChange[], flavour: Flavour): Promise<AlertChange[]> {
  const out: AlertChange[] = [];
  if (!changes.length) return out;
  // Several relays share PostgreSQL: hold one lock until commit so sequence order is commit order
  // and a browser replaying "after seq N" can never miss a change that committed later with a lower N.
  if (flavour === 'postgres') await sql`select pg_advisory_xact_lock(7342)`.execute(trx);
  for (const c of changes) {
    const row = await trx.insertInto('alert_changes').values({
      alert_id: c.alert.id, plant: c.alert.plant, line: c.alert.line, kind: c.kind, at: c.at,
      by_user: c.by, reason: c.reason, body: JSON.stringify(c),
      key: c.alert.key, priority: c.alert.priority, active: c.alert.active ? 1 : 0, chattering: c.alert.chattering ? 1 : 0,
      annunciated_at: c.alert.annunciatedAt,
    }).returning('seq').executeTakeFirstOrThrow();
    const seq = Number(row.seq);
    const a = c.alert;
    const alertRow = { state: a.state, active: a.active ? 1 : 0, updated_seq: seq, body: JSON.stringify(a), last_change_at: a.clearedAt ?? a.lastAt };
    await trx.insertInto('alerts').values({ id: a.id, key: a.key, plant: a.plant, line: a.line, asset: a.asset, raised_at: a.raisedAt, ...alertRow })
      .onConflict((oc) => oc.column('id').doUpdateSet(alertRow)).execute();
    out.push({ ...c, seq });
  }
  return out;
}
