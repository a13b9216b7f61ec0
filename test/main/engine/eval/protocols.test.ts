import { describe, expect, it } from 'vitest';
import { ItemIndex } from '../../../../src/main/engine/datasets/item-index';
import type { ShopperEvent } from '../../../../src/main/engine/datasets/shopper-event';
import { givenSplit } from '../../../../src/main/engine/eval/protocols/given-split';
import { leaveOneOutSplit } from '../../../../src/main/engine/eval/protocols/leave-one-out';
import { sessionNextItemFold } from '../../../../src/main/engine/eval/protocols/session-next-item';
import { groupSessions, sessioniseByGap } from '../../../../src/main/engine/eval/protocols/sessions';
import { temporalSplit } from '../../../../src/main/engine/eval/protocols/temporal-split';

const seq = (...items: number[]): Int32Array => Int32Array.from(items);
const plain = (a: Int32Array[]): number[][] => a.map((x) => Array.from(x));

describe('leave-one-out', () => {
  const split = leaveOneOutSplit('toy', ['a', 'b', 'c', 'd', 'e'], ['u1', 'u2'], [seq(0, 1, 2, 3), seq(4, 2, 1)]);
  it('tests on the last item, trains on everything before it', () => {
    expect(split.test.cases.map((c) => [c.caseId, Array.from(c.history), c.target])).toEqual([['u1', [0, 1, 2], 3], ['u2', [4, 2], 1]]);
    expect(plain(split.test.train.sequences)).toEqual([[0, 1, 2], [4, 2]]);
    expect(split.test.train.numItems).toBe(5);
  });
  it('validates on the second-to-last item without ever training on it', () => {
    expect(split.validation.cases.map((c) => c.target)).toEqual([2, 2]);
    expect(plain(split.validation.train.sequences)).toEqual([[0, 1], [4]]);
  });
});

describe('given split (RecBole files)', () => {
  it('trains each fold on its own rows\' histories', () => {
    const split = givenSplit('sci', ['0', '1', '2', '3'], [{ userId: 'u', history: seq(0, 1), target: 2 }], [{ userId: 'u', history: seq(0, 1, 2), target: 3 }]);
    expect(split.test.cases[0]).toMatchObject({ caseId: 'u', target: 3 });
    expect(plain(split.test.train.sequences)).toEqual([[0, 1, 2]]);
    expect(plain(split.validation.train.sequences)).toEqual([[0, 1]]);
  });
});

describe('session next-item protocol', () => {
  it('predicts every next item from its prefix and drops items unseen in training', () => {
    const index = new ItemIndex();
    const train = [{ sessionId: 't', items: ['a', 'b', 'c'], lastTime: 5 }];
    const test = [
      { sessionId: 's1', items: ['a', 'x', 'b', 'c'], lastTime: 9 },
      { sessionId: 's2', items: ['a', 'y'], lastTime: 9 },
    ];
    const fold = sessionNextItemFold(index, train, test);
    expect(fold.cases.map((c) => [c.caseId, Array.from(c.history), c.target])).toEqual([
      ['s1#0', [0], 1],
      ['s1#1', [0, 1], 2],
    ]);
    expect(Array.from(fold.train.recency)).toEqual([5]);
  });
});

describe('temporal split and sessionisation', () => {
  const DAY = 86_400;
  const ev = (sessionId: string, itemId: string, time: number): ShopperEvent => ({ sessionId, userId: null, itemId, time, type: 'view' });
  it('puts whole sessions that end in the last days into test', () => {
    const events = [ev('old', 'a', 0), ev('old', 'b', 10), ev('mid', 'a', 5 * DAY), ev('mid', 'b', 5 * DAY + 1), ev('new', 'b', 9 * DAY), ev('new', 'a', 9 * DAY + 1)];
    const split = temporalSplit('log', events, { testDays: 2, validationDays: 2 });
    expect(split.test.cases.map((c) => c.caseId)).toEqual(['new#0']);
    expect(split.test.train.sequences).toHaveLength(2);
    expect(split.validation.cases.map((c) => c.caseId)).toEqual(['mid#0']);
    expect(split.validation.train.sequences).toHaveLength(1);
  });
  it('orders events within a session by time and cuts visitor logs at 30-minute gaps', () => {
    expect(groupSessions([ev('s', 'b', 2), ev('s', 'a', 1)])[0]?.items).toEqual(['a', 'b']);
    const cut = sessioniseByGap([ev('v', 'a', 0), ev('v', 'b', 60), ev('v', 'c', 60 + 3600)]);
    expect(cut.map((e) => e.sessionId)).toEqual(['v/0', 'v/0', 'v/1']);
  });
});
