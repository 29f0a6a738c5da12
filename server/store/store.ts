import type { Alert, AlertChange } from '../../src/protocol/alert.ts';
import type { Catalogue } from '../../src/protocol/catalogue.ts';
import type { InferenceResult } from '../../src/protocol/inference.ts';
import type { Role } from '../../src/protocol/common.ts';
import type { Scope } from '../../src/protocol/session.ts';
import type { LabelRecord } from '../../src/protocol/label.ts';
import type { AlertState } from '../../src/protocol/alert.ts';
import type { EdgeKeyView, PanelView, UserView } from '../../src/protocol/admin.ts';
import type { AuditEntry } from '../../src/protocol/audit.ts';
import type { AuditInput } from './audit.ts';
import type { UserChange, UserChangeOutcome } from './admin.ts';
import type { AuditFilter } from './audit-query.ts';
import type { ResultRow, TimeRange } from './history.ts';
import type { DriftRow, KpiChange } from './kpi-queries.ts';
import type { LabelFilter } from './labels.ts';
import type { PanelQueries } from './panels.ts';

/** A room a browser may watch: a plant, or one line of it. */
export interface Room {
  plant: string;
  line?: string;
}

/** An alert change as the engine made it, before the store gives it a sequence number. */
export type NewChange = Omit<AlertChange, 'seq'>;

export interface UserRecord {
  username: string;
  displayName: string;
  role: Role;
  scopes: Scope[];
  passwordHash: string;
}

export interface EdgeKeyRecord {
  id: string;
  name: string;
  keyHash: string;
  scopes: Scope[];
  revokedAt: number | null;
}

/** Everything an ingest batch writes, committed in one transaction. */
export interface IngestWrite {
  edgeKey: string;
  results: InferenceResult[];
  changes: NewChange[];
  crossings: { plant: string; line: string; key: string; at: number }[];
}

/**
 * The relay's persistence, one interface for SQLite and PostgreSQL. Every alert change gets its
 * sequence number here, before anyone is told about it.
 */
export interface Store {
  readonly flavour: 'sqlite' | 'postgres';
  /** Panel devices, badges and panel sessions. */
  readonly panels: PanelQueries;
  migrate(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;

  /** Which of these result ids this edge key has already had accepted. */
  seenResults(edgeKey: string, ids: string[]): Promise<Set<string>>;
  /** Stores accepted results and the changes they caused; returns the changes with their seq. */
  commitIngest(write: IngestWrite): Promise<AlertChange[]>;
  /** Stores changes not tied to results (commands, ticks). */
  appendChanges(changes: NewChange[]): Promise<AlertChange[]>;
  changesAfter(room: Room, seq: number, limit: number): Promise<AlertChange[]>;
  latestSeq(): Promise<number>;
  /** One alert at its latest stored state (any instance's), or null. */
  alert(id: string): Promise<Alert | null>;
  /** Alerts that have not ended, for a room snapshot. */
  openAlerts(room: Room): Promise<Alert[]>;
  resultCount(): Promise<number>;
  /**
   * Retention: deletes results and the history of ended alerts older than the cut-offs. Open alerts,
   * labels and the audit trail are never deleted automatically.
   */
  prune(cutoff: { resultsBefore: number; historyBefore: number }): Promise<{ results: number; changes: number }>;
  resultsAfter(rowid: number, limit: number): Promise<{ rowid: number; result: InferenceResult }[]>;

  /** Engine state of one relay instance (`slot` tells instances owning different lines apart). */
  saveEngineSnapshot(resultsRowid: number, at: number, body: string, slot?: number): Promise<void>;
  loadEngineSnapshot(slot?: number): Promise<{ resultsRowid: number; body: string } | null>;
  maxResultRowid(): Promise<number>;

  /** A command seen before returns its first answer (idempotent commands). */
  commandAnswer(commandId: string): Promise<{ username: string; answer: string } | null>;
  saveCommandAnswer(commandId: string, username: string, at: number, answer: string): Promise<void>;

  upsertUser(user: UserRecord, at: number): Promise<void>;
  user(username: string): Promise<UserRecord | null>;
  userCount(): Promise<number>;
  /** Creates `user` only while there is no user at all (first-run set-up), atomically across relays: true when created. */
  createFirstUser(user: UserRecord, at: number): Promise<boolean>;
  createSession(tokenHash: string, username: string, at: number, expiresAt: number): Promise<void>;
  sessionUser(tokenHash: string, now: number): Promise<string | null>;
  deleteSession(tokenHash: string): Promise<void>;

  upsertEdgeKey(key: EdgeKeyRecord, at: number): Promise<void>;
  edgeKeyById(id: string): Promise<EdgeKeyRecord | null>;

  /** Stores an operator answer as the next label version of its alert. */
  addLabel(label: Omit<LabelRecord, 'version'>): Promise<LabelRecord>;
  labelsAfter(filter: LabelFilter, cursor: number, limit: number): Promise<{ labels: LabelRecord[]; cursor: number }>;
  resultIdsBetween(where: { plant: string; line: string; asset: string }, from: number, to: number): Promise<string[]>;
  /** An asset's results in [from, to), oldest first, at most `limit`. */
  resultsBetween(where: { plant: string; line: string; asset: string }, from: number, to: number, limit: number): Promise<InferenceResult[]>;
  /** Appends to the hash-chained, append-only audit trail. */
  audit(entries: AuditInput[]): Promise<void>;

  catalogue(plant: string): Promise<Catalogue | null>;
  catalogues(): Promise<Catalogue[]>;
  saveCatalogue(catalogue: Catalogue, at: number): Promise<void>;

  // History and supervisor figures (history.ts, kpi-queries.ts).
  /** Alerts whose life overlaps the range, newest first. */
  alertsBetween(room: Room, range: TimeRange, state: AlertState | undefined, limit: number): Promise<Alert[]>;
  /** An alert's changes except count-only updates (counted instead), oldest first. */
  changesOfAlert(id: string, limit: number): Promise<{ changes: AlertChange[]; updates: number }>;
  resultsOfAsset(where: { plant: string; line: string; asset: string; model: string }, range: TimeRange, max: number): Promise<{ results: ResultRow[]; total: number }>;
  labelsOfAlert(alertId: string): Promise<LabelRecord[]>;
  suppressionChanges(room: Room, range: TimeRange, limit: number): Promise<AlertChange[]>;
  kpiChanges(room: Room, range: TimeRange, lookbackMs: number, limit: number): Promise<KpiChange[]>;
  crossingsByKey(room: Room, range: TimeRange): Promise<{ key: string; plant: string; line: string; count: number }[]>;
  heldBackReasons(room: Room, range: TimeRange): Promise<{ reason: string; alerts: number; changes: number }[]>;
  /** The latest label version of each alert in the room. */
  latestLabels(room: Room, limit: number): Promise<LabelRecord[]>;
  newestAlertsOfKeys(keys: string[]): Promise<Map<string, { priority: Alert['priority']; demoted: boolean }>>;
  driftRows(room: Room, range: TimeRange, max: number): Promise<{ rows: DriftRow[]; sampled: boolean }>;
  serviceAudit(limit: number): Promise<{ at: number; actor: string; action: string; target: string; detail: Record<string, unknown> }[]>;
  labelsPageEnd(filter: LabelFilter, cursor: number, limit: number): Promise<{ end: number; count: number }>;
  auditPage(filter: AuditFilter, cursor: number | undefined, limit: number, order: 'asc' | 'desc'): Promise<{ entries: AuditEntry[]; nextCursor: number | null }>;

  // Administration (admin.ts). `user()` never returns a disabled user.
  listUsers(): Promise<UserView[]>;
  anyUser(username: string): Promise<(UserRecord & { disabled: boolean }) | null>;
  /** Applies a checked user change with its audit entry in one transaction (all or nothing). */
  changeUser(change: UserChange, entry: AuditInput): Promise<UserChangeOutcome>;
  setUserDisabled(username: string, at: number | null): Promise<boolean>;
  endSessionsOf(username: string): Promise<void>;
  listEdgeKeys(): Promise<EdgeKeyView[]>;
  listPanels(): Promise<PanelView[]>;
  endPanelSessions(panelId: string): Promise<void>;
  cataloguePlants(): Promise<string[]>;
  savePolicy(body: string, at: number, by: string): Promise<void>;
  latestPolicy(): Promise<{ body: string; at: number; by: string } | null>;
}
