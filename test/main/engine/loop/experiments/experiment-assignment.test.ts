import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../../../../src/shared/contract';
import { armIndexAt, AssignmentTable, assignmentUnit, cumulativeShares } from '../../../../../src/main/engine/loop/experiments/experiment-assignment';
import { unitHash, unitPoint } from '../../../../../src/main/engine/loop/experiments/unit-hash';

function running(experimentId: string, shares: number[], slots = ['home']): Experiment {
  return {
    experimentId,
    name: experimentId,
    hypothesis: '',
    slots,
    mode: 'ab',
    reward: 'conversion',
    arms: shares.map((share, i) => ({ armId: `a${i}`, name: `A${i}`, share, policy: { excludeRules: [], holdout: false, weightsVersion: i + 1 } })),
    floor: 0.05,
    guardrail: { enabled: true, margin: 0.005, minLists: 500 },
    alpha: 0.05,
    status: 'running',
    shares,
    createdAt: 0,
    startedAt: 0,
    stoppedAt: null,
    stoppedBy: null,
    stopReason: null,
    promotedArm: null,
  };
}

/** FNV-1a over the UTF-8 bytes, written the obvious way, then murmur3's fmix32. */
function referenceHash(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

describe('unit hash', () => {
  it('is FNV-1a of the UTF-8 bytes with the fmix32 finaliser, for ASCII, accents, CJK and emoji', () => {
    for (const text of ['', 'a', 'e-1:shopper-42', 'e-7:Zoë', 'e-2:購物者', 'e-3:🛒-cart', 'e-4:\u00ff\u0100\u07ff\u0800\uffff']) {
      expect(unitHash(text)).toBe(referenceHash(text));
    }
    // Pinned: a change here reshuffles every running experiment.
    expect(unitHash('e-1:shopper-42')).toBe(1112888341);
    expect(unitHash('')).toBe(2872998923);
  });

  it('spreads sequential keys evenly over [0, 1) (each tenth gets 10 % ± 0.6 of 100k)', () => {
    const deciles = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) deciles[Math.floor(unitPoint(`e-1:s-${i}`) * 10)]! += 1;
    for (const d of deciles) expect(Math.abs(d / 100_000 - 0.1)).toBeLessThan(0.006);
  });
});

describe('assignment', () => {
  const configs = [[0.5, 0.5], [0.2, 0.3, 0.5], [0.05, 0.95], [0.1, 0.2, 0.3, 0.15, 0.15, 0.1]];
  for (const shares of configs) {
    it(`splits 100k shoppers within 1 % of the shares ${shares.join('/')}`, () => {
      const table = new AssignmentTable([running('e-12', shares)]);
      const seen = new Map<string, number>();
      for (let i = 0; i < 100_000; i++) {
        const a = table.assign('home', `shopper-${i}`);
        if (!a) throw new Error('no arm');
        seen.set(a.armId, (seen.get(a.armId) ?? 0) + 1);
      }
      shares.forEach((share, i) => expect(Math.abs((seen.get(`a${i}`) ?? 0) / 100_000 - share)).toBeLessThan(0.01));
    });
  }

  it('is sticky: the same shopper gets the same arm on every request and after the cache is rebuilt', () => {
    const first = new AssignmentTable([running('e-3', [0.3, 0.3, 0.4])]);
    const again = new AssignmentTable([running('e-3', [0.3, 0.3, 0.4])]);
    for (let i = 0; i < 2000; i++) {
      const arm = first.assign('home', `s-${i}`)?.armId;
      expect(first.assign('home', `s-${i}`)?.armId).toBe(arm);
      expect(again.assign('home', `s-${i}`)?.armId).toBe(arm);
    }
  });

  it('hashes the experiment id with the unit, so two experiments split shoppers independently', () => {
    const a = new AssignmentTable([running('e-1', [0.5, 0.5])]);
    const b = new AssignmentTable([running('e-2', [0.5, 0.5])]);
    let same = 0;
    for (let i = 0; i < 20_000; i++) if (a.assign('home', `s-${i}`)?.armId === b.assign('home', `s-${i}`)?.armId) same++;
    expect(Math.abs(same / 20_000 - 0.5)).toBeLessThan(0.02);
  });

  it('moves only the shoppers a boundary crossed when a bandit moves the shares', () => {
    const before = new AssignmentTable([running('e-5', [0.5, 0.5])]);
    const after = new AssignmentTable([running('e-5', [0.2, 0.8])]);
    let moved = 0;
    for (let i = 0; i < 50_000; i++) {
      const x = before.assign('home', `s-${i}`)?.armId;
      const y = after.assign('home', `s-${i}`)?.armId;
      if (x !== y) {
        moved++;
        expect([x, y]).toEqual(['a0', 'a1']);
      }
    }
    expect(Math.abs(moved / 50_000 - 0.3)).toBeLessThan(0.01);
  });

  it('serves only its slots and returns the arm policy', () => {
    const table = new AssignmentTable([running('e-1', [0, 1], ['home', 'pdp']), { ...running('e-2', [1, 0], ['search']), status: 'stopped' }]);
    expect(table.assign('cart', 's-1')).toBeNull();
    expect(table.assign('search', 's-1')).toBeNull();
    expect(table.assign('pdp', 's-1')).toMatchObject({ experimentId: 'e-1', armId: 'a1', policy: { weightsVersion: 2 } });
    expect(table.slots().sort()).toEqual(['home', 'pdp']);
  });

  it('never lands on an arm with a zero share, and leaves no gap at the top of [0, 1)', () => {
    expect(cumulativeShares([0.1, 0.2, 0.7, 0])).toEqual([0.1, expect.closeTo(0.3, 12), 1, 1]);
    expect(armIndexAt(0.9999999999, cumulativeShares([1 / 3, 1 / 3, 1 / 3, 0]) ?? [])).toBe(2);
    expect(armIndexAt(0.05, cumulativeShares([0, 0.5, 0.5]) ?? [])).toBe(1);
    expect(cumulativeShares([0, 0])).toBeUndefined();
  });

  it('assigns by shopper id, else by session id', () => {
    expect(assignmentUnit({ shopperId: 'u-1', sessionId: 's-1' })).toBe('u-1');
    expect(assignmentUnit({ shopperId: null, sessionId: 's-1' })).toBe('s-1');
    expect(assignmentUnit({})).toBeUndefined();
  });
});
