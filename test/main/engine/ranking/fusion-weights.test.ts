import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FUSION_WEIGHTS, FusionWeightStore } from '../../../../src/main/engine/ranking';
import { AuditLog } from '../../../../src/main/engine/store';
import { tempStore } from './ranking-fixtures';

describe('FusionWeightStore', () => {
  let env: ReturnType<typeof tempStore>;
  let clock = 1000;
  beforeEach(() => {
    env = tempStore();
    clock = 1000;
  });
  afterEach(() => env.cleanup());
  const store = (): FusionWeightStore => new FusionWeightStore(env.db, { audit: new AuditLog(env.db), clock: () => clock++ });

  it('starts at version 1 with the defaults, written once', () => {
    const s = store();
    expect(s.current()).toMatchObject({ version: 1, weights: DEFAULT_FUSION_WEIGHTS, note: 'defaults' });
    expect(store().current().version).toBe(1);
    expect(s.history()).toHaveLength(1);
  });

  it('keeps every version with its note and time, puts the newest in force at once, and rolls back as a new version', () => {
    const s = store();
    const v1 = s.current();
    const v2 = s.set({ ...v1.weights, text: 2 }, 'more text');
    expect(v2).toMatchObject({ version: 2, note: 'more text' });
    expect(s.current().weights.text).toBe(2);
    const v3 = s.set({ ...v1.weights, visual: 3 }, 'more visual');
    expect(s.current()).toEqual(v3);
    expect(s.history().map((v) => v.version)).toEqual([3, 2, 1]);
    expect(s.get(2)).toEqual(v2);
    expect(v3.createdAt).toBeGreaterThan(v2.createdAt);

    const back = s.rollback(1);
    expect(back).toMatchObject({ version: 4, weights: v1.weights, note: 'rollback to version 1' });
    expect(s.current().weights).toEqual(v1.weights);
    // A second store on the same file (a restart) sees the same history.
    expect(store().current().version).toBe(4);
    expect(store().history()).toHaveLength(4);

    const audit = env.db.prepare("SELECT action, target FROM audit_log WHERE action = 'fusion-weights.set' ORDER BY seq").all();
    expect(audit).toEqual([
      { action: 'fusion-weights.set', target: 'fusion-weights@2' },
      { action: 'fusion-weights.set', target: 'fusion-weights@3' },
      { action: 'fusion-weights.set', target: 'fusion-weights@4' },
    ]);
  });

  it('refuses bad weights and unknown versions with the field named', () => {
    const s = store();
    expect(() => s.set({ ...DEFAULT_FUSION_WEIGHTS, text: -1 }, '')).toThrow(/weights\.text/);
    expect(() => s.rollback(99)).toThrow(/version 99 does not exist/);
    expect(s.current().version).toBe(1);
  });
});
