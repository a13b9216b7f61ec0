import { describe, expect, it } from 'vitest';
import { OffloadGate } from '../../../../src/main/engine/recommend/offload-gate';

describe('OffloadGate', () => {
  it('closes after lists sent away in a row with no other list started meanwhile, and opens again after the hold', () => {
    const gate = new OffloadGate(3, 1000);
    for (let i = 0; i < 3; i++) {
      expect(gate.open(i)).toBe(true);
      gate.onStart();
      gate.sent()(i);
    }
    expect(gate.open(3)).toBe(false);
    expect(gate.open(1001)).toBe(false);
    expect(gate.open(1002)).toBe(true);
  });

  it('stays open while other lists start during those sent away (many clients at once)', () => {
    const gate = new OffloadGate(3, 1000);
    for (let i = 0; i < 50; i++) {
      gate.onStart();
      const back = gate.sent();
      gate.onStart(); // another client's list arrives while this one is on a worker
      back(i);
      expect(gate.open(i)).toBe(true);
    }
  });

  it('counts only lists alone in a row: one overlapped list starts the count afresh', () => {
    const gate = new OffloadGate(3, 1000);
    const alone = (now: number): void => {
      gate.onStart();
      gate.sent()(now);
    };
    alone(0);
    alone(1);
    gate.onStart();
    const back = gate.sent();
    gate.onStart();
    back(2);
    alone(3);
    alone(4);
    expect(gate.open(5)).toBe(true);
    alone(5);
    expect(gate.open(6)).toBe(false);
  });

  it('hears of lists that finish out of order by their own marks', () => {
    const gate = new OffloadGate(2, 1000);
    gate.onStart();
    const first = gate.sent();
    gate.onStart();
    const second = gate.sent();
    // The second started while the first was away: the first was overlapped; the second was not.
    first(1);
    second(2);
    expect(gate.open(3)).toBe(true);
  });
});
