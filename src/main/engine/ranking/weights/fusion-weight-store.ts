import type { Database, Statement } from 'better-sqlite3';
import { CHANNELS, FusionWeights, type WeightsVersion } from '../../../../shared/contract/recommendations';
import { ContractError } from '../../../../shared/contract/errors';
import type { AuditedBy, AuditLog } from '../../store/audit-log';
import { DEFAULT_FUSION_WEIGHTS } from './default-weights';

/** The name under which fusion weights live in the `configs` table. */
export const FUSION_WEIGHTS_CONFIG = 'fusion-weights';

interface ConfigRow {
  version: number;
  body: string;
  note: string | null;
  created_at: number;
}

export interface FusionWeightStoreOptions {
  audit?: AuditLog;
  /** Who is recorded in the audit log for a change. */
  actor?: string;
  clock?: () => number;
}

/**
 * Fusion weights as a versioned config: every version is kept with its time and note; the highest
 * version is in force. `current()` is served from memory and the cache is replaced on every change
 * made through this store, so a change takes effect on the next request.
 */
export class FusionWeightStore {
  private cached: WeightsVersion | undefined;
  private readonly latest: Statement<[string], ConfigRow>;
  private readonly byVersion: Statement<[string, number], ConfigRow>;
  private readonly all: Statement<[string], ConfigRow>;
  private readonly insert: Statement<[string, number, string, string, number]>;
  private readonly clock: () => number;

  constructor(
    private readonly db: Database,
    private readonly options: FusionWeightStoreOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.latest = db.prepare('SELECT version, body, note, created_at FROM configs WHERE name = ? ORDER BY version DESC LIMIT 1');
    this.byVersion = db.prepare('SELECT version, body, note, created_at FROM configs WHERE name = ? AND version = ?');
    this.all = db.prepare('SELECT version, body, note, created_at FROM configs WHERE name = ? ORDER BY version DESC');
    this.insert = db.prepare('INSERT INTO configs (name, version, body, note, created_at) VALUES (?, ?, ?, ?, ?)');
  }

  /** The weights in force; writes the defaults as version 1 the first time a store has none. */
  current(): WeightsVersion {
    if (this.cached) return this.cached;
    let row = this.latest.get(FUSION_WEIGHTS_CONFIG);
    if (!row) {
      this.db.prepare('INSERT OR IGNORE INTO configs (name, version, body, note, created_at) VALUES (?, 1, ?, ?, ?)').run(
        FUSION_WEIGHTS_CONFIG,
        JSON.stringify({ weights: DEFAULT_FUSION_WEIGHTS }),
        'defaults',
        this.clock(),
      );
      row = this.latest.get(FUSION_WEIGHTS_CONFIG) as ConfigRow;
    }
    this.cached = toVersion(row);
    return this.cached;
  }

  /** Stores `weights` as the next version and puts it in force; `by` names who (and adds to the audit entry, e.g. a guard's reason and figures). */
  set(weights: FusionWeights, note = '', by: AuditedBy = {}): WeightsVersion {
    const parsed = FusionWeights.safeParse(weights);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: ['weights', ...i.path.map(String)].join('.'), message: i.message }));
      throw new ContractError('bad_request', `fusion weights: ${issues[0]?.path ?? 'weights'}: ${issues[0]?.message ?? 'invalid'}`, issues);
    }
    this.current();
    const next = this.db.transaction((): WeightsVersion => {
      const top = this.latest.get(FUSION_WEIGHTS_CONFIG);
      const version = (top?.version ?? 0) + 1;
      const createdAt = this.clock();
      this.insert.run(FUSION_WEIGHTS_CONFIG, version, JSON.stringify({ weights: parsed.data }), note, createdAt);
      this.options.audit?.record(by.actor ?? this.options.actor ?? 'operator', 'fusion-weights.set', `${FUSION_WEIGHTS_CONFIG}@${version}`, { note, weights: parsed.data, ...by.detail });
      return { version, weights: parsed.data, note, createdAt };
    })();
    this.cached = next;
    return next;
  }

  /** Every version, newest first. */
  history(): WeightsVersion[] {
    this.current();
    return this.all.all(FUSION_WEIGHTS_CONFIG).map(toVersion);
  }

  get(version: number): WeightsVersion | undefined {
    const row = this.byVersion.get(FUSION_WEIGHTS_CONFIG, version);
    return row ? toVersion(row) : undefined;
  }

  /** Puts an old version's weights back in force as a new version; history is never rewritten. */
  rollback(version: number, note?: string, by: AuditedBy = {}): WeightsVersion {
    const old = this.get(version);
    if (!old) throw new ContractError('not_found', `fusion weights version ${version} does not exist`, [{ path: 'version', message: 'no such version' }]);
    return this.set(old.weights, note ?? `rollback to version ${version}`, { ...by, detail: { rollbackTo: version, ...by.detail } });
  }

  /** Drops the in-memory copy, e.g. after another process changed the weights. */
  invalidate(): void {
    this.cached = undefined;
  }
}

function toVersion(row: ConfigRow): WeightsVersion {
  const body = JSON.parse(row.body) as { weights?: Partial<Record<string, number>> };
  // A channel added after this version was written weighs 0 in it: old versions keep their behaviour.
  const filled = Object.fromEntries(CHANNELS.map((c) => [c, body.weights?.[c] ?? 0]));
  return { version: row.version, weights: FusionWeights.parse(filled), note: row.note ?? '', createdAt: row.created_at };
}
