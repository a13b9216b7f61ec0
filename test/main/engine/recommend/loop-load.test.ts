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
    const load = new LoopLoad(0.5, 30);
    spin(40);
    expect(load.isBusy()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(load.isBusy()).toBe(false);
    spin(40);
    expect(load.isBusy()).toBe(true);
  });

  it('starts afresh, not busy, when no one asked for several windows (a lone request after a quiet spell)', () => {
    const load = new LoopLoad(0.5, 20);
    spin(100);
    expect(load.isBusy()).toBe(false);
  });

  it('keeps its answer until a window has passed, so a burst of requests reads the utilisation once', () => {
    const load = new LoopLoad(0.5, 10_000);
    spin(30);
    expect(load.isBusy()).toBe(false);
    spin(30);
    expect(load.isBusy()).toBe(false);
  });
});
