/**
 * The learned ranking policy's figures:
 *   learned_policy_lift     a policy trained (through the engine's policies.train job) on a simulated
 *                           log with exploration, against the default fusion weights, on a fresh
 *                           logging phase (new draws of shoppers and responses after training): the
 *                           simulator's exact expected reward of the window each would have served
 *                           on the same requests, learned / default - 1 (target >= 0.10)
 *   policy_train_seconds    the training worker's fit over a store of 1M logged lists (10 items each,
 *                           their features and rewards; the 8 positions with a known examination
 *                           probability are learned from: 8M items), end to end from its own
 *                           read-only connection (the store is built once under .cache/bench, ~4 GB)
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ExplorationSettings, RewardSpec } from '../../src/shared/contract';
import { CHANNELS, DEFAULT_REWARD } from '../../src/shared/contract';
import { DEFAULT_FUSION_WEIGHTS, FEATURES_PER_ITEM } from '../../src/main/engine/ranking';
import type { JobContext } from '../../src/main/engine/jobs/job-runner';
import { runPolicyWorker } from '../../src/main/engine/loop/policy/run-policy-worker';
import { openDatabase } from '../../src/main/engine/store';
import type { BenchFigures } from '../main';
import { round, seeded } from '../bench-util';
import { SimulatedShop, weightsTarget, type TruthTarget } from './simulated-log';

const EXPLORE: ExplorationSettings = { enabled: true, rate: 0.3, fromPosition: 1, toPosition: 8, poolSize: 16 };

export async function learnedPolicyLift(template: string, trainLists: number, evalLists: number, seed = 7): Promise<BenchFigures> {
  const shop = await SimulatedShop.open(template);
  try {
    const reward: RewardSpec = DEFAULT_REWARD;
    await shop.explore(EXPLORE);
    const trained = await shop.logLists({ seed, lists: trainLists, reward });
    const job = await shop.client.call('policies.train', { slot: 'home' });
    const done = await shop.engine.jobs.wait(job.jobId);
    if (done.status !== 'succeeded') throw new Error(`policies.train failed: ${done.error}`);
    const version = String(done.result?.version);
    const policy = shop.engine.policies.load(version);
    const learned: TruthTarget = {
      name: 'learned',
      list: (prepared, s, k) => s.engine.recommender.rankPrepared(prepared, policy.weightsFor({ slot: 'home', purchaseIntent: prepared.state.purchase, coldStart: prepared.state.events.length === 0 }), k, 'home').items.map((i) => i.itemId),
    };
    // A fresh phase: new draws of shoppers and their responses, after training, exploration off (what would serve).
    await shop.explore({ ...EXPLORE, enabled: false });
    const fresh = await shop.logLists({ seed: seed + 1000, lists: evalLists, reward, window: [1, 2, 3, 4, 5, 6, 7, 8], k: 8, targets: [weightsTarget('default', DEFAULT_FUSION_WEIGHTS), learned] });
    const base = fresh.truth.default?.reward ?? NaN;
    const mine = fresh.truth.learned?.reward ?? NaN;
    const metrics = done.result ?? {};
    return {
      learned_policy_lift: round(mine / base - 1, 4),
      learned_policy_reward_per_list: round(mine, 5),
      default_weights_reward_per_list: round(base, 5),
      learned_policy_clicks_per_list: round(fresh.truth.learned?.clicks ?? NaN, 5),
      default_weights_clicks_per_list: round(fresh.truth.default?.clicks ?? NaN, 5),
      learned_policy_version: version,
      learned_policy_held_out_ope: round(Number(metrics.opeValue ?? NaN), 5),
      learned_policy_held_out_serving: round(Number(metrics.servingValue ?? NaN), 5),
      policy_train_lists: trained.lists,
      policy_eval_lists: fresh.lists,
    };
  } finally {
    await shop.close();
  }
}

/** A store of `lists` logged lists (10 items, their features, about 5 % of items clicked and some bought), built once and cached. */
function largeLog(dir: string, lists: number): string {
  const file = join(dir, 'instinct.db');
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(file);
  try {
    const random = seeded(3);
    const insertList = db.prepare(`INSERT INTO impressions (impression_id, created_at, slot, shopper_id, session_id, query, weights_version, model_version, cold_start,
      purchase_intent, took_ms, policy, items, features) VALUES (?, ?, 'home', ?, NULL, NULL, 1, 'text', 0, ?, 1, ?, ?, ?)`);
    const insertReward = db.prepare(`INSERT INTO rewards (seq, impression_id, item_id, position, type, value, quantity, kind, reason, ts, late, out_of_order, history,
      first_for_item, first_for_list, list_value_before) VALUES (?, ?, ?, ?, ?, ?, 1, 'explicit', NULL, ?, 0, 0, 0, 1, 1, 0)`);
    const zero = Object.fromEntries(CHANNELS.map((c) => [c, 0]));
    let seq = 0;
    const t0 = Date.UTC(2026, 0, 1);
    for (let start = 0; start < lists; start += 10_000) {
      db.transaction(() => {
        for (let n = start; n < Math.min(lists, start + 10_000); n++) {
          const features = new Float32Array(10 * FEATURES_PER_ITEM);
          const items = Array.from({ length: 10 }, (_, p) => {
            for (let j = 0; j < CHANNELS.length; j++) features[p * FEATURES_PER_ITEM + j] = random();
            return { itemId: `P${Math.floor(random() * 100_000)}`, title: 'Item', position: p + 1, score: 1, propensity: 1, contributions: zero, rules: [], sources: ['ann'] };
          });
          const id = `L${n}`;
          const randomised = n % 5 === 0;
          insertList.run(id, t0 + n * 1000, `U${n % 50_000}`, random() * 0.3, JSON.stringify(randomised ? { kind: 'randomised', ranking: 'weights', exploration: { rate: 0.2, positions: [1, 2, 3, 4, 5, 6, 7, 8], pool: items.map((i) => i.itemId), shuffled: random() < 0.2 } } : { kind: 'deterministic', ranking: 'weights' }), JSON.stringify(items), Buffer.from(features.buffer));
          items.forEach((item, p) => {
            const priceFit = features[p * FEATURES_PER_ITEM + CHANNELS.indexOf('priceFit')] as number;
            if (random() < (p + 1) ** -0.8 * (0.02 + 0.1 * priceFit)) {
              insertReward.run(++seq, id, item.itemId, p + 1, 'click', 0, t0 + n * 1000 + 1);
              if (random() < 0.1) insertReward.run(++seq, id, item.itemId, p + 1, 'purchase', 20, t0 + n * 1000 + 2);
            }
          });
        }
      })();
    }
  } finally {
    db.close();
  }
  return file;
}

export async function policyTrainSeconds(lists: number): Promise<BenchFigures> {
  const file = largeLog(join(__dirname, `../../.cache/bench/policy-log-${lists}`), lists);
  const controller = new AbortController();
  const ctx: JobContext = { signal: controller.signal, report: () => undefined };
  const examination = [null, ...Array.from({ length: 8 }, (_, i) => (i + 1) ** -0.8)];
  const t = performance.now();
  const { fit } = await runPolicyWorker({ dbPath: file, slot: 'home', from: 0, to: Number.MAX_SAFE_INTEGER, reward: DEFAULT_REWARD, examination, lambda: 1e-4 }, ctx);
  const seconds = (performance.now() - t) / 1000;
  return { policy_train_seconds: round(seconds, 1), policy_train_logged_lists: fit.lists, policy_train_items: fit.items, policy_train_rewarded_items: fit.rewarded };
}
