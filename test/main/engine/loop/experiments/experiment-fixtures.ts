import type { Database } from 'better-sqlite3';
import type { ExperimentInput, LoopCounts, MetricDimension } from '../../../../../src/shared/contract';
import { openDatabase } from '../../../../../src/main/engine/store/database';
import { AuditLog } from '../../../../../src/main/engine/store/audit-log';
import { emptyCounts, addCounts } from '../../../../../src/main/engine/loop/metrics/loop-counts';
import { ExperimentService, type ArmCountsReader, type ExperimentServiceDeps, type ExperimentSettings, type PolicyPublisher } from '../../../../../src/main/engine/loop/experiments';
import { seededRandom } from '../../../../../src/main/engine/datasets/seeded-random';

/** Counts by arm key, as the metric roll-ups would give them (in total, and by the hour they were added in). */
export class FakeRollups implements ArmCountsReader {
  readonly counts = new Map<string, LoopCounts>();
  readonly hourly = new Map<string, { key: string; bucket: number; counts: LoopCounts }>();
  readonly queries: { dim: MetricDimension; from: number; to: number; values?: readonly string[] }[] = [];

  countsByValue(dim: MetricDimension, q: { from: number; to: number; values?: readonly string[] }): Map<string, LoopCounts> {
    this.queries.push({ dim, from: q.from, to: q.to, ...(q.values ? { values: q.values } : {}) });
    const out = new Map<string, LoopCounts>();
    for (const [key, c] of this.counts) if (dim === 'arm' && (!q.values || q.values.includes(key))) out.set(key, { ...c });
    return out;
  }

  countsByValueAndHour(dim: MetricDimension, q: { from: number; to: number; values?: readonly string[] }): { key: string; bucket: number; counts: LoopCounts }[] {
    return [...this.hourly.values()].filter((r) => dim === 'arm' && (!q.values || q.values.includes(r.key))).map((r) => ({ ...r, counts: { ...r.counts } }));
  }

  /** Adds to the arm's counts, in the roll-up hour of `at` (T0's when not given). */
  add(key: string, more: Partial<LoopCounts>, at = T0): void {
    const into = this.counts.get(key) ?? emptyCounts();
    this.counts.set(key, addCounts(into, { ...emptyCounts(), ...more }));
    const bucket = Math.floor(at / 3_600_000) * 3_600_000;
    const hour = this.hourly.get(`${key}\u0000${bucket}`) ?? { key, bucket, counts: emptyCounts() };
    addCounts(hour.counts, { ...emptyCounts(), ...more });
    this.hourly.set(`${key}\u0000${bucket}`, hour);
  }

  /** `lists` lists of 10 items each; every list converts with probability `conversion`, clicks with `listCtr`; in the hour of `at`. */
  serve(key: string, lists: number, rates: { conversion: number; listCtr?: number; orderValue?: number }, random: () => number, at = T0): void {
    let purchased = 0;
    let clicked = 0;
    let revenue = 0;
    let revenueSq = 0;
    for (let i = 0; i < lists; i++) {
      if (random() < (rates.listCtr ?? 0.2)) clicked++;
      if (random() < rates.conversion) {
        purchased++;
        const value = rates.orderValue ?? 40;
        revenue += value;
        revenueSq += value * value;
      }
    }
    this.add(key, {
      lists,
      items: lists * 10,
      clicks: clicked,
      clickedItems: clicked,
      clickedLists: clicked,
      orders: purchased,
      purchasedItems: purchased,
      purchasedLists: purchased,
      units: purchased,
      revenue,
      revenueSqLists: revenueSq,
      orderValueSq: revenueSq,
    }, at);
  }
}

export interface PublishCall {
  what: 'weights' | 'model' | 'rules' | 'policy';
  value: unknown;
  actor: string;
}

export interface ExperimentEnv {
  db: Database;
  service: ExperimentService;
  rollups: FakeRollups;
  published: PublishCall[];
  rules: Set<string>;
  now: { t: number };
  random: () => number;
  audit(): { actor: string; action: string; target: string | null; detail: Record<string, unknown> | null }[];
  close(): void;
}

export const T0 = Date.UTC(2025, 0, 6, 9, 30);

export function experimentEnv(options: { settings?: Partial<ExperimentSettings>; publish?: Partial<PolicyPublisher>; policies?: boolean } & Pick<ExperimentServiceDeps, 'armModels' | 'onRunning'> = {}): ExperimentEnv {
  const db = openDatabase(':memory:');
  const rollups = new FakeRollups();
  const published: PublishCall[] = [];
  const rules = new Set(['r-1', 'r-2', 'r-3']);
  const now = { t: T0 };
  const service = new ExperimentService({
    db,
    audit: new AuditLog(db),
    rollups,
    checks: {
      weightsVersionExists: (v) => v >= 1 && v <= 3,
      modelVersionExists: (v) => v === 'm-1' || v === 'm-2',
      ruleExists: (id) => rules.has(id),
      ...(options.policies ? { policyVersionExists: (v: string) => v === 'p-1' } : {}),
    },
    publish: {
      useWeightsVersion: (v, actor) => published.push({ what: 'weights', value: v, actor }),
      promoteModel: (v, actor) => published.push({ what: 'model', value: v, actor }),
      disableRules: (ids, actor) => published.push({ what: 'rules', value: [...ids], actor }),
      ...(options.policies ? { promotePolicy: (v: string, actor: string) => published.push({ what: 'policy', value: v, actor }) } : {}),
      ...options.publish,
    },
    clock: () => now.t,
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.armModels ? { armModels: options.armModels } : {}),
    ...(options.onRunning ? { onRunning: options.onRunning } : {}),
  });
  return {
    db,
    service,
    rollups,
    published,
    rules,
    now,
    random: seededRandom(99),
    audit: () =>
      (db.prepare('SELECT actor, action, target, detail FROM audit_log ORDER BY seq').all() as { actor: string; action: string; target: string | null; detail: string | null }[]).map((r) => ({
        ...r,
        detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
      })),
    close: () => db.close(),
  };
}

/** A two-arm A/B test on the home slot: control serves what everyone gets, B uses weights version 2. */
export function abInput(overrides: Partial<ExperimentInput> = {}): ExperimentInput {
  return {
    name: 'Weights v2 on home',
    slots: ['home'],
    arms: [
      { armId: 'control', name: 'control', share: 0.5, policy: {} },
      { armId: 'b', name: 'B', share: 0.5, policy: { weightsVersion: 2 } },
    ],
    ...overrides,
  };
}
