import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { LoopLoad } from '../../../../src/main/engine/recommend/loop-load';

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // the engine's thread doing a list's work
  }
}

describe('LoopLoad', () => {
  it('says busy after a window the thread spent running, and not busy after one it spent waiting', async () => {
    const load = new LoopLoad({ enter: 0.5, leave: 0.5 }, 30);
    spin(40);
    expect(load.isBusy()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(load.isBusy()).toBe(false);
    spin(40);
    expect(load.isBusy()).toBe(true);
  });

  it('starts afresh, not busy, when no one asked for several windows (a lone request after a quiet spell)', () => {
    const load = new LoopLoad({ enter: 0.5, leave: 0.5 }, 20);
    spin(100);
    expect(load.isBusy()).toBe(false);
  });

  it('keeps its answer until a window has passed, so a burst of requests reads the utilisation once', () => {
    const load = new LoopLoad({ enter: 0.5, leave: 0.5 }, 10_000);
    spin(30);
    expect(load.isBusy()).toBe(false);
    spin(30);
    expect(load.isBusy()).toBe(false);
  });

  it('turns busy only above the higher share, and stays busy down to the lower one', async () => {
    const load = new LoopLoad({ enter: 0.9, leave: 0.05 }, 100);
    // About half of a window running: not enough to turn busy (a slower timer only lowers the share).
    spin(60);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(load.isBusy()).toBe(false);
    // A whole window running: busy.
    spin(110);
    expect(load.isBusy()).toBe(true);
    // About half again: above the lower share, so still busy.
    spin(60);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(load.isBusy()).toBe(true);
    // A window spent waiting: no longer busy.
    await new Promise((resolve) => setTimeout(resolve, 110));
    expect(load.isBusy()).toBe(false);
  });
});
