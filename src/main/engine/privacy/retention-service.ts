/**
 * The retention setting (raw events, lists and rewards older than N days are deleted; null keeps
 * them) and its runs: every hour and on demand, in seq or time ranges of bounded size, yielding
 * between them. Roll-ups are written first and never deleted, so aggregates outlive the raw rows.
 */
import type { Database } from 'better-sqlite3';
import { RetentionSettings, type RetentionRun } from '../../../shared/contract';
import type { AuditLog } from '../store';
import { VersionedConfig } from '../store';
import { nextTurn } from '../workers/time-slices';
import { subtractEventCounts } from './shopper-erasure';

const DAY_MS = 86_400_000;
/** Rows of a primary-key range scanned per transaction. */
const RANGE = 20_000;

export interface RetentionDeps {
  readonly db: Database;
  readonly audit: AuditLog;
  readonly flushRollups: () => void;
  /** After a run deleted lists or rewards (what is derived from them, e.g. query suggestions, is rebuilt). */
  readonly onDeleted?: () => void;
  /** After a run deleted events or sessions (counts kept between reads start afresh). */
  readonly onSessionsDeleted?: () => void;
  readonly clock?: () => number;
  readonly pause?: () => Promise<void>;
  /** Default: one hour; 0 = no timer (tests, a CLI run). */
  readonly everyMs?: number;
}

export class RetentionService {
  readonly settings: VersionedConfig<typeof RetentionSettings>;
  private lastRun: RetentionRun | null = null;
  private running: Promise<RetentionRun> | undefined;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: RetentionDeps) {
    this.settings = new VersionedConfig(deps.db, 'retention', RetentionSettings, RetentionSettings.parse({}), deps.audit);
    const every = deps.everyMs ?? 3_600_000;
    if (every > 0) {
      this.timer = setInterval(() => {
        if (this.settings.get().rawDataDays !== null) this.apply('retention (timer)').catch((err: unknown) => console.error('[retention] run failed:', err));
      }, every);
      this.timer.unref();
    }
  }

  get last(): RetentionRun | null {
    return this.lastRun;
  }

  get version(): number {
    const row = this.deps.db.prepare("SELECT max(version) AS v FROM configs WHERE name = 'retention'").get() as { v: number | null };
    return row.v ?? 0;
  }

  /** Time before which rows go under `days` (the setting in force by default); null: keep forever. */
  cutoff(days = this.settings.get().rawDataDays): number | null {
    return days === null ? null : this.now() - days * DAY_MS;
  }

  /** Rows the setting (or `days`) would delete now; scans events and rewards in key ranges. */
  async due(days = this.settings.get().rawDataDays): Promise<{ events: number; impressions: number; rewards: number }> {
    const cutoff = this.cutoff(days);
    if (cutoff === null) return { events: 0, impressions: 0, rewards: 0 };
    const { db } = this.deps;
    const count = async (table: 'events' | 'rewards'): Promise<number> => {
      const max = (db.prepare(`SELECT max(seq) AS m FROM ${table}`).get() as { m: number | null }).m ?? 0;
      const q = db.prepare(`SELECT count(*) AS n FROM ${table} WHERE seq > ? AND seq <= ? AND ts < ?`);
      let n = 0;
      for (let from = 0; from < max; from += RANGE) {
        n += (q.get(from, from + RANGE, cutoff) as { n: number }).n;
        await this.pause();
      }
      return n;
    };
    const impressions = (db.prepare('SELECT count(*) AS n FROM impressions WHERE created_at < ?').get(cutoff) as { n: number }).n;
    return { events: await count('events'), impressions, rewards: await count('rewards') };
  }

  /** Applies the setting now; a run already going is joined. Audited when it deleted anything. */
  apply(actor: string): Promise<RetentionRun> {
    this.running ??= this.run(actor).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async run(actor: string): Promise<RetentionRun> {
    const t0 = performance.now();
    const at = this.now();
    const days = this.settings.get().rawDataDays;
    const out: RetentionRun = { at, cutoff: days === null ? 0 : at - days * DAY_MS, events: 0, sessions: 0, impressions: 0, rewards: 0, ms: 0 };
    if (days === null) return this.finish(out, t0, actor);
    const { db } = this.deps;
    const cutoff = out.cutoff;
    this.deps.flushRollups();
    out.rewards = await this.deleteInRanges('rewards', 'seq', 'ts', cutoff);
    out.events = await this.deleteInRanges('events', 'seq', 'ts', cutoff);
    for (;;) {
      const n = db.prepare('DELETE FROM impressions WHERE rowid IN (SELECT rowid FROM impressions WHERE created_at < ? LIMIT ?)').run(cutoff, RANGE).changes;
      out.impressions += n;
      if (n === 0) break;
      await this.pause();
    }
    out.sessions = await this.deleteInRanges('sessions', 'rowid', 'last_event_at', cutoff);
    return this.finish(out, t0, actor);
  }

  private finish(out: RetentionRun, t0: number, actor: string): RetentionRun {
    out.ms = performance.now() - t0;
    this.lastRun = out;
    if (out.impressions + out.rewards > 0) this.deps.onDeleted?.();
    if (out.events + out.sessions > 0) this.deps.onSessionsDeleted?.();
    if (out.events + out.sessions + out.impressions + out.rewards > 0) {
      this.deps.audit.record(actor, 'retention.apply', 'retention', { cutoff: out.cutoff, events: out.events, sessions: out.sessions, impressions: out.impressions, rewards: out.rewards });
    }
    return out;
  }

  /** Deletes rows with `time < cutoff`, RANGE keys per transaction; events also leave event_counts. */
  private async deleteInRanges(table: 'events' | 'rewards' | 'sessions', key: 'seq' | 'rowid', time: 'ts' | 'last_event_at', cutoff: number): Promise<number> {
    const { db } = this.deps;
    const max = (db.prepare(`SELECT max(${key}) AS m FROM ${table}`).get() as { m: number | null }).m ?? 0;
    const select = db.prepare(`SELECT ${key} AS k${table === 'events' ? ', type' : ''} FROM ${table} WHERE ${key} > ? AND ${key} <= ? AND ${time} < ?`);
    const remove = db.prepare(`DELETE FROM ${table} WHERE ${key} > ? AND ${key} <= ? AND ${time} < ?`);
    let total = 0;
    for (let from = 0; from < max; from += RANGE) {
      total += db.transaction((): number => {
        if (table === 'events') subtractEventCounts(db, select.all(from, from + RANGE, cutoff) as { type: string }[]);
        return remove.run(from, from + RANGE, cutoff).changes;
      })();
      await this.pause();
    }
    return total;
  }

  private now(): number {
    return (this.deps.clock ?? Date.now)();
  }

  private pause(): Promise<void> {
    return (this.deps.pause ?? nextTurn)();
  }
}
