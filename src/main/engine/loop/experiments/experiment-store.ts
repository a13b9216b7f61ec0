import type { Database, Statement } from 'better-sqlite3';
import type { Experiment } from '../../../../shared/contract';
import type { AuditLog } from '../../store/audit-log';
import { experimentIdOf, experimentOf, experimentSeqOf, type ExperimentRow, type ExperimentSpec } from './experiment-rows';

/** Who made a write, and what goes into its audit entry beyond the experiment itself. */
export interface WriteBy {
  actor: string;
  detail?: Record<string, unknown>;
}

export interface StopRecord extends WriteBy {
  at: number;
  by: 'operator' | 'guardrail';
  reason: string;
  promotedArm?: string;
}

export type ExperimentAudit = Pick<AuditLog, 'record'>;

/**
 * The `experiments` and `experiment_allocations` tables. Every change an operator or a guardrail
 * makes is written with its audit entry in one transaction; the bandit's share moves are written
 * without one (they are frequent, and experiment_allocations is their history).
 */
export class ExperimentStore {
  private readonly bySeq: Statement<[number], ExperimentRow>;
  private readonly all: Statement<[], ExperimentRow>;
  private readonly runningRows: Statement<[], ExperimentRow>;
  private readonly insertRow: Statement<[string, string, string, number]>;
  private readonly startRow: Statement<[number, number]>;
  private readonly stopRow: Statement<[number, string, string, string | null, number]>;
  private readonly promoteRow: Statement<[string, number]>;
  private readonly sharesRow: Statement<[string, number]>;
  private readonly insertAllocation: Statement<[number, number, string]>;
  private readonly allocationRows: Statement<[number], { ts: number; shares: string }>;

  constructor(
    private readonly db: Database,
    private readonly audit: ExperimentAudit,
  ) {
    const columns = 'seq, name, spec, status, shares, created_at, started_at, stopped_at, stopped_by, stop_reason, promoted_arm';
    this.bySeq = db.prepare(`SELECT ${columns} FROM experiments WHERE seq = ?`);
    this.all = db.prepare(`SELECT ${columns} FROM experiments ORDER BY seq DESC`);
    this.runningRows = db.prepare(`SELECT ${columns} FROM experiments WHERE status = 'running' ORDER BY seq`);
    this.insertRow = db.prepare("INSERT INTO experiments (name, spec, status, shares, created_at) VALUES (?, ?, 'draft', ?, ?)");
    this.startRow = db.prepare(`UPDATE experiments SET status = 'running', started_at = ? WHERE seq = ? AND status = 'draft'`);
    this.stopRow = db.prepare(
      `UPDATE experiments SET status = 'stopped', stopped_at = ?, stopped_by = ?, stop_reason = ?, promoted_arm = ? WHERE seq = ? AND status <> 'stopped'`,
    );
    this.promoteRow = db.prepare('UPDATE experiments SET promoted_arm = ? WHERE seq = ?');
    this.sharesRow = db.prepare('UPDATE experiments SET shares = ? WHERE seq = ?');
    this.insertAllocation = db.prepare('INSERT OR REPLACE INTO experiment_allocations (experiment_seq, ts, shares) VALUES (?, ?, ?)');
    this.allocationRows = db.prepare('SELECT ts, shares FROM experiment_allocations WHERE experiment_seq = ? ORDER BY ts');
  }

  get(experimentId: string): Experiment | undefined {
    const seq = experimentSeqOf(experimentId);
    const row = seq === undefined ? undefined : this.bySeq.get(seq);
    return row ? experimentOf(row) : undefined;
  }

  /** Newest first. */
  list(): Experiment[] {
    return this.all.all().map(experimentOf);
  }

  running(): Experiment[] {
    return this.runningRows.all().map(experimentOf);
  }

  /** A new draft, its shares the configured ones. */
  create(name: string, spec: ExperimentSpec, createdAt: number, by: WriteBy): Experiment {
    return this.db.transaction(() => {
      const shares = spec.arms.map((a) => a.share);
      const info = this.insertRow.run(name, JSON.stringify(spec), JSON.stringify(shares), createdAt);
      const experimentId = experimentIdOf(Number(info.lastInsertRowid));
      this.audit.record(by.actor, 'experiments.create', experimentId, { name, ...spec, ...by.detail });
      return this.mustGet(experimentId);
    })();
  }

  /** Draft to running; the configured shares are the first allocation. */
  start(experimentId: string, at: number, by: WriteBy): Experiment {
    const seq = this.seqOf(experimentId);
    return this.db.transaction(() => {
      if (this.startRow.run(at, seq).changes !== 1) throw new Error(`experiment ${experimentId} is not a draft`);
      const experiment = this.mustGet(experimentId);
      this.insertAllocation.run(seq, at, JSON.stringify(experiment.shares));
      this.audit.record(by.actor, 'experiments.start', experimentId, { name: experiment.name, slots: experiment.slots, shares: experiment.shares, ...by.detail });
      return experiment;
    })();
  }

  /** Draft or running to stopped, by the operator or a guardrail, with the reason. */
  stop(experimentId: string, record: StopRecord): Experiment {
    const seq = this.seqOf(experimentId);
    return this.db.transaction(() => {
      if (this.stopRow.run(record.at, record.by, record.reason, record.promotedArm ?? null, seq).changes !== 1) throw new Error(`experiment ${experimentId} is already stopped`);
      const experiment = this.mustGet(experimentId);
      this.audit.record(record.actor, 'experiments.stop', experimentId, {
        name: experiment.name,
        stoppedBy: record.by,
        reason: record.reason,
        ...(record.promotedArm ? { promotedArm: record.promotedArm } : {}),
        ...record.detail,
      });
      return experiment;
    })();
  }

  /** Records which arm's policy now serves everyone (the experiment is stopped already or being stopped). */
  promote(experimentId: string, armId: string, by: WriteBy): Experiment {
    const seq = this.seqOf(experimentId);
    return this.db.transaction(() => {
      this.promoteRow.run(armId, seq);
      const experiment = this.mustGet(experimentId);
      this.audit.record(by.actor, 'experiments.promote', experimentId, { name: experiment.name, armId, ...by.detail });
      return experiment;
    })();
  }

  /** The bandit's current shares (no audit entry: see the class comment). */
  setShares(experimentId: string, shares: readonly number[]): void {
    this.sharesRow.run(JSON.stringify(shares), this.seqOf(experimentId));
  }

  appendAllocation(experimentId: string, at: number, shares: readonly number[]): void {
    this.insertAllocation.run(this.seqOf(experimentId), at, JSON.stringify(shares));
  }

  /** Oldest first. */
  allocations(experimentId: string): { t: number; shares: number[] }[] {
    const seq = experimentSeqOf(experimentId);
    if (seq === undefined) return [];
    return this.allocationRows.all(seq).map((r) => ({ t: r.ts, shares: JSON.parse(r.shares) as number[] }));
  }

  private mustGet(experimentId: string): Experiment {
    const experiment = this.get(experimentId);
    if (!experiment) throw new Error(`experiment ${experimentId} does not exist`);
    return experiment;
  }

  private seqOf(experimentId: string): number {
    const seq = experimentSeqOf(experimentId);
    if (seq === undefined) throw new Error(`${experimentId} is not an experiment id`);
    return seq;
  }
}
