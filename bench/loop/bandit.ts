/**
 * A bandit experiment through the whole engine: two arms (two weights versions) on the home slot,
 * Thompson sampling on CTR, a 5 % floor. Shoppers click each shown item with probability 5 % under
 * arm A and 6 % under arm B (the arm is read from the list the engine served), the clicks are
 * ingested with their list's id, and the engine's own once-a-second tick moves the traffic (called
 * here every `tickEvery` lists, as the roll-ups flush).
 */
import { demoDataset } from '../../src/main/engine/demo';
import { Engine } from '../../src/main/engine/engine';
import type { BenchFigures } from '../main';
import { round, scratchDir, seeded } from '../bench-util';

export async function banditShare(lists: number, tickEvery: number): Promise<BenchFigures> {
  const scratch = scratchDir('instinct-bench-bandit-');
  const engine = new Engine({ dataDir: scratch.dir, host: 'bench', encoderWorkers: 0, servingWorkers: 0 });
  try {
    // A small shop with some history, so lists have popular and trending items to show.
    const { catalog, events } = demoDataset({ items: 600, shoppers: 200, days: 3, endTs: Date.now() - 3_600_000 });
    engine.catalog.upsertItems(catalog);
    engine.events.insertEvents(events, { rejectWholeBatch: false, history: true });
    const base = engine.weights.current();
    const other = engine.weights.set({ ...base.weights, popularity: base.weights.popularity + 0.1 }, 'arm B', { actor: 'bench' });
    const ctr: Record<string, number> = { a: 0.05, b: 0.06 };
    const experiment = await engine.dispatcher.call('experiments.create', {
      name: 'bench bandit',
      slots: ['home'],
      mode: 'bandit',
      reward: 'ctr',
      floor: 0.05,
      arms: [
        { armId: 'a', name: 'A (5 %)', share: 0.5, policy: { weightsVersion: base.version } },
        { armId: 'b', name: 'B (6 %)', share: 0.5, policy: { weightsVersion: other.version } },
      ],
      guardrail: { enabled: false, margin: 0.005, minLists: 500 },
    });
    await engine.dispatcher.call('experiments.start', { experimentId: experiment.experimentId });
    const random = seeded(42);
    const lastServed: string[] = [];
    let shown = 0;
    for (let n = 0; n < lists; n++) {
      const list = await engine.dispatcher.call('recommend', { shopperId: `bandit-${n}`, k: 10, slot: 'home' });
      shown += list.items.length;
      const arm = list.experiment?.armId ?? 'none';
      if (n >= lists * 0.8) lastServed.push(arm);
      const clicks = list.items.filter(() => random() < (ctr[arm] ?? 0)).map((item) => ({ type: 'click' as const, shopperId: `bandit-${n}`, itemId: item.itemId, impressionId: list.impressionId, position: item.position }));
      if (clicks.length) await engine.dispatcher.call('events.ingest', { events: clicks });
      if (n % tickEvery === tickEvery - 1) engine.loop.flush();
    }
    engine.loop.flush();
    if (shown < lists * 5) throw new Error(`bandit bench: lists showed ${shown / lists} items on average; the shop has nothing to show`);
    const final = engine.experiments.get(experiment.experimentId);
    return {
      bandit_best_arm_share: round(final.shares[1] ?? 0, 3),
      bandit_best_arm_served_share_last_20pct: round(lastServed.filter((a) => a === 'b').length / Math.max(1, lastServed.length), 3),
      bandit_lists: lists,
      bandit_items_per_list: 10,
    };
  } finally {
    await engine.close();
    scratch.remove();
  }
}
