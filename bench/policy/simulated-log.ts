/**
 * A simulated shop for off-policy evaluation and policy learning: an in-process Engine on a small
 * demo catalogue with the demo shoppers' history, the simulator's ground truth over it, a logging
 * phase that serves lists through the contract and ingests the simulated responses with explicit
 * impression ids, and the true value of any target policy on the very requests that were logged.
 *
 * The truth of a target is the exact expected reward (SimulatorTruth's position-based model) of the
 * window the target would have served at that moment to that shopper: the same live state, ranked
 * again by the engine under the target's weights without logging (a what-if replay). So every
 * target is measured on the same kind of simulated shoppers, and on the same contexts, as the log.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoDataset } from '../../src/main/engine/demo';
import { Engine, type EngineOptions } from '../../src/main/engine/engine';
import type { OpeDataset } from '../../src/main/engine/loop/ope';
import type { PreparedReplay } from '../../src/main/engine/recommend/recommend-service';
import { dispatcherClient, loadSimulatorTruth, Random, respond, type ContractClient, type Satiation, type SimulatorTruth } from '../../src/main/simulator';
import type { EventInput, ExplorationSettings, FusionWeights, RankedList, RewardSpec } from '../../src/shared/contract';

export interface ShopOptions {
  /** Catalogue items (the demo generator's, seed 42) and demo shoppers with history (default 400 and 60). */
  readonly items?: number;
  readonly shoppers?: number;
  /** Days of generated history before now (default 7). */
  readonly historyDays?: number;
  /** Embed the catalogue with the real text encoder, so the text channel and ANN candidates work (default true). */
  readonly embed?: boolean;
}

/** What a window earned in expectation, by the simulator's truth. */
export interface WindowValue {
  readonly reward: number;
  readonly clicks: number;
  readonly carts: number;
  readonly purchases: number;
  readonly revenue: number;
}

/** A policy whose truth is measured on every logged request: the items it would show, best first, given the request's prepared state. */
export interface TruthTarget {
  readonly name: string;
  list(prepared: PreparedReplay, shop: SimulatedShop, k: number): string[];
}

/** Fusion weights as a truth target: the engine's own ranking (fusion, rules, diversity) under these weights, logging nothing. */
export function weightsTarget(name: string, weights: FusionWeights): TruthTarget {
  return { name, list: (prepared, shop, k) => shop.engine.recommender.rankPrepared(prepared, weights, k, 'home').items.map((i) => i.itemId) };
}

export interface LogPhaseOptions {
  /** Seeds shoppers' arrivals and their responses. */
  readonly seed: number;
  readonly lists: number;
  /** List length asked for (default: the window's last position). */
  readonly k?: number;
  readonly reward: RewardSpec;
  /** The window the truths are computed over (positions), default 1..k. */
  readonly window?: readonly number[];
  readonly targets?: readonly TruthTarget[];
  /** Called every 1,000 lists. */
  readonly progress?: (done: number) => void;
}

export interface LogPhase {
  /** The logged range, for ope.estimate's from/to. */
  readonly from: number;
  readonly to: number;
  readonly lists: number;
  readonly shuffled: number;
  /** Mean true window value per target over the logged requests. */
  readonly truth: Record<string, WindowValue>;
  /** Mean true window value of what was actually served (shuffled or not), and of the non-shuffled lists only. */
  readonly served: WindowValue;
  readonly servedRanked: WindowValue;
  /** Share of non-shuffled lists whose window the what-if replay under the logging weights reproduces exactly (the truth's own check). */
  readonly replayAgreement: number;
  readonly ms: number;
}

const ZERO: WindowValue = { reward: 0, clicks: 0, carts: 0, purchases: 0, revenue: 0 };
const add = (a: WindowValue, b: WindowValue): WindowValue => ({ reward: a.reward + b.reward, clicks: a.clicks + b.clicks, carts: a.carts + b.carts, purchases: a.purchases + b.purchases, revenue: a.revenue + b.revenue });
const divide = (a: WindowValue, n: number): WindowValue => ({ reward: a.reward / n, clicks: a.clicks / n, carts: a.carts / n, purchases: a.purchases / n, revenue: a.revenue / n });

/** The exact expected outcome of the items shown at `positions` (item i at positions[i]) under the simulator's model. */
export function windowValue(truth: SimulatorTruth, shopperId: string, itemIds: readonly string[], positions: readonly number[], reward: RewardSpec): WindowValue {
  const { clicks, carts, purchases, revenue } = truth.expectedOutcome(shopperId, itemIds, positions);
  const value = reward.kind === 'revenue' ? revenue : reward.click * clicks + reward.cart * carts + reward.purchase * purchases;
  return { reward: value, clicks, carts, purchases, revenue };
}

/**
 * The simulator's mean reward per list of the windows a target arranged from a log's pools
 * (`arranged`: arrangeTarget's pool index per window slot; `shoppers`: each list's shopper).
 */
export function arrangedWindowValue(truth: SimulatorTruth, d: OpeDataset, arranged: Int32Array, shoppers: readonly string[], reward: RewardSpec): number {
  let sum = 0;
  for (let i = 0; i < d.lists; i++) {
    const w0 = d.windowStart[i] as number;
    const m = (d.windowStart[i + 1] as number) - w0;
    const p0 = d.poolStart[i] as number;
    const items = Array.from({ length: m }, (_, k) => d.itemIds[d.poolItem[p0 + (arranged[w0 + k] as number)] as number] as string);
    sum += windowValue(truth, shoppers[i] as string, items, Array.from(d.windowPosition.subarray(w0, w0 + m)), reward).reward;
  }
  return sum / Math.max(1, d.lists);
}

/**
 * A logged dataset with every window slot's outcomes replaced by their exact expectation under the
 * simulator (the shopper of the list, the item shown, its position): the log without the response
 * draws' noise. An unbiased estimator on it lands on the truth up to the pool's and the examination
 * curve's own error, so a bias shows at 1,000 lists where the realised log's noise (about 15-20 %
 * per seed at that size) hides it. `shoppers[i]` is list i's shopper (the impression's).
 */
export function withExpectedOutcomes(d: OpeDataset, truth: SimulatorTruth, shoppers: readonly string[]): OpeDataset {
  const slots = d.windowPosition.length;
  const clicks = new Float32Array(slots);
  const carts = new Float32Array(slots);
  const purchases = new Float32Array(slots);
  const revenue = new Float64Array(slots);
  for (let i = 0; i < d.lists; i++) {
    const p0 = d.poolStart[i] as number;
    for (let s = d.windowStart[i] as number; s < (d.windowStart[i + 1] as number); s++) {
      const itemId = d.itemIds[d.poolItem[p0 + (d.shownPool[s] as number)] as number] as string;
      const o = truth.expectedOutcome(shoppers[i] as string, [itemId], [d.windowPosition[s] as number]);
      clicks[s] = o.clicks;
      carts[s] = o.carts;
      purchases[s] = o.purchases;
      revenue[s] = o.revenue;
    }
  }
  return { ...d, clicks, carts, purchases, revenue };
}

/** Builds a shop's store once (catalogue, history, embeddings) in `dir`, to be copied for each seed. */
export async function buildShopTemplate(dir: string, options: ShopOptions = {}): Promise<void> {
  const engine = new Engine({ dataDir: dir, host: 'bench', encoderWorkers: 0 });
  try {
    const { catalog, events } = demoDataset({ items: options.items ?? 400, shoppers: options.shoppers ?? 60, days: options.historyDays ?? 7, endTs: Date.now() - 3_600_000 });
    engine.catalog.upsertItems(catalog);
    engine.events.insertEvents(events, { rejectWholeBatch: false });
    if (options.embed ?? true) {
      await engine.start({ embedMissing: false });
      const job = engine.embeddings.start();
      const done = await engine.jobs.wait(job.jobId);
      if (done.status !== 'succeeded') throw new Error(`embedding failed: ${done.error}`);
    }
  } finally {
    await engine.close();
  }
}

/** An engine on a private copy of a template store, with the simulator's truth over its catalogue. */
export class SimulatedShop {
  private constructor(
    readonly engine: Engine,
    readonly client: ContractClient,
    readonly truth: SimulatorTruth,
    private readonly dir: string,
  ) {}

  /** `start: false` skips loading the text encoder (a template built without embeddings needs none). */
  static async open(template: string, options: { shoppers?: number; start?: boolean; engine?: Pick<EngineOptions, 'afterPurchase'>; satiation?: Satiation } = {}): Promise<SimulatedShop> {
    const dir = mkdtempSync(join(tmpdir(), 'instinct-ope-'));
    cpSync(template, dir, { recursive: true });
    const engine = new Engine({ dataDir: dir, host: 'bench', encoderWorkers: 0, ...options.engine });
    if (options.start ?? true) await engine.start({ embedMissing: false });
    const client = dispatcherClient(engine.dispatcher);
    const truth = await loadSimulatorTruth(client, { seed: 42, shoppers: options.shoppers ?? 60, ...(options.satiation ? { satiation: options.satiation } : {}) });
    return new SimulatedShop(engine, client, truth, dir);
  }

  async explore(settings: ExplorationSettings, slot = 'home'): Promise<void> {
    await this.client.call('exploration.configure', { slot, settings, note: 'simulated log' });
  }

  /**
   * Serves `lists` home lists through the contract to shoppers drawn by visit rate, ingests what
   * each shopper did (click, cart add, purchase, each naming the list and position), and measures
   * every target's true window value on the same request just before it is served.
   */
  async logLists(options: LogPhaseOptions): Promise<LogPhase> {
    const started = Date.now();
    const from = Date.now();
    const rng = Random.stream(options.seed, 'ope-log');
    const targets = options.targets ?? [];
    const sums: Record<string, WindowValue> = Object.fromEntries(targets.map((t) => [t.name, ZERO]));
    const settings = (await this.client.call('exploration.settings', {})).slots.home;
    const k = options.k ?? settings?.toPosition ?? 10;
    const window = options.window ?? Array.from({ length: k }, (_, i) => i + 1);
    const logging = (await this.client.call('weights.get', {})).weights;
    let served = ZERO;
    let servedRanked = ZERO;
    let ranked = 0;
    let shuffled = 0;
    let agreed = 0;
    for (let n = 0; n < options.lists; n++) {
      const shopperId = this.truth.drawShopper(rng).shopperId;
      const now = Date.now();
      const prepared = await this.engine.recommender.prepareReplay(this.engine.sessions.recent(shopperId), now, shopperId);
      for (const t of targets) sums[t.name] = add(sums[t.name] ?? ZERO, this.value(shopperId, t.list(prepared, this, k), window, options.reward));
      const list = await this.client.call('recommend', { shopperId, k, slot: 'home' });
      const shownIds = list.items.map((i) => i.itemId);
      const value = this.value(shopperId, shownIds, window, options.reward);
      served = add(served, value);
      if (list.explored) shuffled++;
      else {
        ranked++;
        servedRanked = add(servedRanked, value);
        const replayed = this.engine.recommender.rankPrepared(prepared, logging, k, 'home').items.map((i) => i.itemId);
        if (window.every((p) => replayed[p - 1] === shownIds[p - 1])) agreed++;
      }
      await this.ingestResponse(list, shopperId, rng);
      if ((n + 1) % 1000 === 0) options.progress?.(n + 1);
    }
    const to = Date.now() + 1;
    return {
      from,
      to,
      lists: options.lists,
      shuffled,
      truth: Object.fromEntries(Object.entries(sums).map(([name, v]) => [name, divide(v, Math.max(1, options.lists))])),
      served: divide(served, Math.max(1, options.lists)),
      servedRanked: divide(servedRanked, Math.max(1, ranked)),
      replayAgreement: ranked > 0 ? agreed / ranked : 0,
      ms: Date.now() - started,
    };
  }

  /** The true value of a window for a shopper: items in ranked order, the window's positions. */
  value(shopperId: string, itemIds: readonly string[], window: readonly number[], reward: RewardSpec): WindowValue {
    return windowValue(
      this.truth,
      shopperId,
      window.map((p) => itemIds[p - 1] ?? ''),
      window,
      reward,
    );
  }

  /** One draw of the shopper's response, ingested through the contract with the list's id and positions. */
  private async ingestResponse(list: RankedList, shopperId: string, rng: Random): Promise<void> {
    const response = respond(this.truth, shopperId, list.items, rng);
    const ts = Date.now();
    const events: EventInput[] = [];
    for (const line of response.lines) {
      if (!line.clicked) continue;
      const price = list.items.find((i) => i.itemId === line.itemId)?.price;
      const tag = { impressionId: list.impressionId, position: line.position };
      events.push({ type: 'click', shopperId, itemId: line.itemId, ts, ...tag });
      if (line.carted) events.push({ type: 'add_to_cart', shopperId, itemId: line.itemId, ts: ts + 1, quantity: line.quantity, ...(price !== undefined ? { price } : {}), ...tag });
      if (line.purchased) events.push({ type: 'purchase', shopperId, itemId: line.itemId, ts: ts + 2, quantity: line.quantity, ...(price !== undefined ? { price } : {}), ...tag });
    }
    if (events.length > 0) await this.client.call('events.ingest', { events });
  }

  async close(): Promise<void> {
    await this.engine.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
