import type { Database } from 'better-sqlite3';
import { ContractError, type IntentModelVersion } from '../../../shared/contract';
import type { AuditLog } from '../store';

interface ModelRow {
  model_id: string;
  version: string;
  path: string | null;
  sha256: string | null;
  metrics: string | null;
  config: string | null;
  status: string;
  created_at: number;
  promoted_at: number | null;
}


/**
 * Trained intent-model versions (the `models` table, kind 'intent'). At most one serves; a
 * promote retires nothing, so any earlier version can be promoted again, and roll back returns
 * to the version that served before the current one.
 */
export class IntentModelRegistry {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    /** The `models` table's kind this registry keeps: 'intent' (intent models) or 'ranking-policy' (learned ranking policies). */
    private readonly kind = 'intent',
    /** How its audit actions are named ('model.promote', 'policy.promote'). */
    private readonly auditPrefix = 'model',
  ) {}

  register(v: { version: string; path: string; sha256: string; metrics: Record<string, number>; config: Record<string, unknown> }): IntentModelVersion {
    this.db
      .prepare("INSERT INTO models (model_id, kind, version, path, sha256, metrics, config, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'registered', ?)")
      .run(`${this.kind}:${v.version}`, this.kind, v.version, v.path, v.sha256, JSON.stringify(v.metrics), JSON.stringify(v.config), Date.now());
    this.audit.record('engine', `${this.auditPrefix}.register`, v.version, v.metrics);
    return this.get(v.version)!;
  }

  updateMetrics(version: string, metrics: Record<string, number>): void {
    this.db.prepare('UPDATE models SET metrics = ? WHERE kind = ? AND version = ?').run(JSON.stringify(metrics), this.kind, version);
  }

  list(): IntentModelVersion[] {
    return (this.db.prepare('SELECT * FROM models WHERE kind = ? ORDER BY created_at DESC, rowid DESC').all(this.kind) as ModelRow[]).map(toVersion);
  }

  get(version: string): IntentModelVersion | undefined {
    const row = this.db.prepare('SELECT * FROM models WHERE kind = ? AND version = ?').get(this.kind, version) as ModelRow | undefined;
    return row ? toVersion(row) : undefined;
  }

  pathOf(version: string): string {
    const row = this.db.prepare('SELECT path FROM models WHERE kind = ? AND version = ?').get(this.kind, version) as { path: string } | undefined;
    if (!row) throw new ContractError('not_found', `version: no ${this.kind === 'intent' ? 'intent model' : 'ranking policy'} ${version}`, [{ path: 'version', message: 'not found' }]);
    return row.path;
  }

  serving(): IntentModelVersion | undefined {
    return this.list().find((v) => v.status === 'serving');
  }

  promote(version: string, actor: string, detail?: Readonly<Record<string, unknown>>): IntentModelVersion {
    if (!this.get(version)) throw new ContractError('not_found', `version: no ${this.kind === 'intent' ? 'intent model' : 'ranking policy'} ${version}`, [{ path: 'version', message: 'not found' }]);
    this.db.transaction(() => {
      this.db.prepare("UPDATE models SET status = 'registered' WHERE kind = ? AND status = 'serving'").run(this.kind);
      this.db.prepare("UPDATE models SET status = 'serving', promoted_at = ? WHERE kind = ? AND version = ?").run(Date.now(), this.kind, version);
    })();
    this.audit.record(actor, `${this.auditPrefix}.promote`, version, detail);
    return this.get(version)!;
  }

  /** The version promoted before the serving one, if any; undefined means "no learned model". */
  previous(): IntentModelVersion | undefined {
    const serving = this.serving();
    if (!serving) return undefined;
    return this.list()
      .filter((v) => v.version !== serving.version && v.promotedAt !== null && v.promotedAt <= (serving.promotedAt ?? 0))
      .sort((a, b) => (b.promotedAt ?? 0) - (a.promotedAt ?? 0))[0];
  }

  /** Stops serving any learned model. */
  demote(actor: string, detail?: Readonly<Record<string, unknown>>): void {
    this.db.prepare("UPDATE models SET status = 'registered' WHERE kind = ? AND status = 'serving'").run(this.kind);
    this.audit.record(actor, `${this.auditPrefix}.demote`, undefined, detail);
  }
}

function toVersion(row: ModelRow): IntentModelVersion {
  return {
    version: row.version,
    status: row.status === 'serving' ? 'serving' : row.status === 'retired' ? 'retired' : 'registered',
    createdAt: row.created_at,
    promotedAt: row.promoted_at,
    sha256: row.sha256 ?? '',
    metrics: row.metrics ? (JSON.parse(row.metrics) as Record<string, number>) : {},
    config: row.config ? (JSON.parse(row.config) as Record<string, unknown>) : {},
  };
}
