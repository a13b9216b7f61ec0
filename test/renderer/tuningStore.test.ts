import { describe, expect, it } from 'vitest';
import type { FusionWeights, Job, RankedList } from '../../src/renderer/src/transport/contract';
import { autotuneResultOf, createTuningStore, listWeightsOf, REPLAY_DEBOUNCE_MS } from '../../src/renderer/src/stores/tuningStore';
import { missingTitles, shareBars, titlesFromInspection } from '../../src/renderer/src/stores/inspection';
import { fakeClient, storedEvent } from './fakes';

const W: FusionWeights = { text: 1, visual: 0.5, behaviour: 1, popularity: 0.3, recency: 0.2, priceFit: 0.4, purchaseIntent: 0.2 };
const replay = (value: number) => ({ metric: 'NDCG@10' as const, value, ci: [value - 0.01, value + 0.01] as [number, number], hitRate10: 0.5, cases: 300, windowStart: null, windowEnd: null, tookMs: 5 });
const list: RankedList = { impressionId: 'i', experiment: null, policy: 'weights', explored: false, slot: 'home', shopperId: 'u1', sessionId: 's1', coldStart: false, weightsVersion: 1, modelVersion: 'm', purchaseIntent: 0.1, items: [], tookMs: 1 };

function manualTimers() {
  const pending: Array<() => void> = [];
  return {
    setTimer: (fn: () => void, _ms: number) => pending.push(fn),
    clearTimer: (h: unknown) => {
      pending[(h as number) - 1] = () => undefined;
    },
    flush: () => pending.splice(0).forEach((fn) => fn()),
  };
}

describe('tuning store', () => {
  it('loads the saved weights, a shopper and the baseline replay, and debounces the slider replay', async () => {
    let replays = 0;
    const { client, transport } = fakeClient({
      'weights.get': () => ({ version: 1, weights: W, note: 'defaults', createdAt: 1 }),
      'weights.history': () => [{ version: 1, weights: W, note: 'defaults', createdAt: 1 }],
      'sessions.list': () => [{ sessionId: 's1', shopperId: 'u1', startedAt: 1, lastEventAt: 2, eventCount: 3 }],
      'jobs.list': () => [],
      recommend: () => list,
      'tuning.replay': (input) => {
        replays++;
        return replay((input as { weights: FusionWeights }).weights.text === 1 ? 0.24 : 0.2);
      },
    });
    const timers = manualTimers();
    const store = createTuningStore(client, timers);
    await store.getState().load();
    const s = store.getState();
    expect(s.shopperId).toBe('u1');
    expect(s.baseline?.value).toBe(0.24);
    expect(s.replay?.value).toBe(0.24);
    expect(listWeightsOf(s)).toEqual(W);
    expect(transport.calls.find((c) => c.method === 'recommend')?.input).toMatchObject({ shopperId: 'u1', k: 50 });

    store.getState().setWeight('text', 0);
    store.getState().setWeight('popularity', 4.01);
    expect(store.getState().sliders).toMatchObject({ text: 0, popularity: 4 });
    expect(store.getState().replayPending).toBe(true);
    expect(replays).toBe(1);
    timers.flush();
    await new Promise((r) => setTimeout(r, 0));
    expect(replays).toBe(2);
    expect(store.getState().replay?.value).toBe(0.2);
    expect(store.getState().replayPending).toBe(false);
    expect(REPLAY_DEBOUNCE_MS).toBeLessThanOrEqual(300);
  });

  it('reads an auto-tune proposal only from a succeeded job with a well-formed result', () => {
    const job: Job = { jobId: 'j', kind: 'auto-tune', status: 'succeeded', params: {}, progress: null, result: { weights: W, value: 0.3, ci: [0.28, 0.32], baseline: 0.24, cases: 200 }, error: null, createdAt: 1, finishedAt: 2 };
    expect(autotuneResultOf(job)?.value).toBe(0.3);
    expect(autotuneResultOf({ ...job, status: 'running' })).toBeNull();
    expect(autotuneResultOf({ ...job, result: { weights: {} } })).toBeNull();
  });
});

describe('inspection helpers', () => {
  const intent = { topCategories: [], topBrands: [], priceBand: null, purchaseProbability: 0.1 };
  const inspection = {
    sessionId: 's1',
    shopperId: 'u1',
    weightsVersion: 1,
    truncated: 0,
    steps: [
      { event: storedEvent({ itemId: 'A' }), intent, recommendations: [{ itemId: 'B', title: 'Bee', position: 1, score: 1, propensity: 1, contributions: { text: 1, visual: 0, behaviour: 0, popularity: 0, recency: 0, priceFit: 0, purchaseIntent: 0 }, rules: [], sources: [] }] },
      { event: storedEvent({ itemId: 'B' }), intent, recommendations: [] },
      { event: storedEvent({ itemId: null, type: 'search', query: 'q' }), intent, recommendations: [] },
      { event: storedEvent({ itemId: 'A' }), intent, recommendations: [] },
    ],
  };

  it('takes titles from the replayed lists and asks only for the rest, once each', () => {
    const titles = titlesFromInspection(inspection);
    expect(titles).toEqual({ B: 'Bee' });
    expect(missingTitles(inspection, titles)).toEqual(['A']);
  });

  it('scales share bars to the leader and drops negligible shares', () => {
    expect(shareBars([{ name: 'a', share: 0.25 }, { name: 'b', share: 0.5 }, { name: 'c', share: 1e-9 }])).toEqual([
      { name: 'b', share: 0.5, width: 1 },
      { name: 'a', share: 0.25, width: 0.5 },
    ]);
  });
});
