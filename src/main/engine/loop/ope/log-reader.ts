import type { Database, Statement } from 'better-sqlite3';
import { FEATURES_PER_ITEM, parseLoggingPolicy, storedItemIds } from '../../ranking';
import { OpeDatasetBuilder, type OpeDataset } from './ope-dataset';
import { nextTurn } from '../../workers/time-slices';
import { boundedValue } from '../attribution/reward-value';

export interface OpeLogQuery {
  readonly slot: string;
  /** Lists served at or after `from` and before `to` (epoch ms). */
  readonly from: number;
  readonly to: number;
  /**
   * Whose lists: absent = the slot's own serving, i.e. lists not served by an experiment arm; or one
   * arm's. An arm (a holdout serves popularity only) still explores, so without this its lists would
   * be read as serving's and bias both serving's value and the target's estimate (docs/OFF_POLICY.md).
   */
  readonly arm?: { readonly experimentId: string; readonly armId: string };
}

export interface OpeLogOptions {
  /** An item's category (the catalogue's), for the target arrangement's diversity; absent = none. */
  readonly categoryOf?: (itemId: string) => string | undefined;
  /** Rows read per chunk; the reader yields to the event loop between chunks (default 2,000, a few ms each). */
  readonly chunkSize?: number;
  /** Stop after this many randomised lists (the most recent are not preferred: the log is read oldest first). */
  readonly maxLists?: number;
}

/** What the log holds for a slot and range: every list counted, the randomised ones read into a dataset. */
export interface OpeLog {
  readonly query: OpeLogQuery;
  /** Lists of the slot in the range (serving's or the arm's), randomised or not. */
  readonly lists: number;
  readonly dataset: OpeDataset;
  /** Randomised lists left out, by reason (no features logged, features that do not match the pool). */
  readonly skipped: Readonly<Record<string, number>>;
}

interface ImpressionChunkRow {
  rowid: number;
  impression_id: string;
  created_at: number;
  cold_start: number;
  purchase_intent: number;
  policy: string;
  items: string;
  features: Buffer | null;
}

interface RewardChunkRow {
  impression_id: string;
  item_id: string;
  type: string;
  value: number;
  first_for_item: number;
}

/**
 * Reads the randomised lists of a slot in a time range (serving's, or one experiment arm's), with their pool's features, window,
 * exploration rate and per-position outcomes (attributed clicks, cart adds, purchases and revenue
 * from the rewards table; unmatched rewards are left out), into an OpeDataset. Reads in chunks of
 * `chunkSize` rows, oldest first, and yields to the event loop between chunks, so a large log does
 * not hold up requests.
 *
 * Outcomes per item and list: a click, cart add or purchase counts once (the first of its type for
 * the item in that list); revenue sums every attributed purchase's price x quantity. Outcomes of
 * items outside the window are not part of the estimand and are ignored.
 */
export async function readOpeLog(db: Database, query: OpeLogQuery, options: OpeLogOptions = {}): Promise<OpeLog> {
  const chunkSize = Math.max(1, options.chunkSize ?? 2000);
  const maxLists = options.maxLists ?? Number.POSITIVE_INFINITY;
  // `IS` matches NULL too: serving's lists are those with no experiment and no arm.
  const experimentId = query.arm?.experimentId ?? null;
  const armId = query.arm?.armId ?? null;
  const count = db
    .prepare('SELECT COUNT(*) AS n FROM impressions WHERE slot = ? AND created_at >= ? AND created_at < ? AND experiment_id IS ? AND arm_id IS ?')
    .get(query.slot, query.from, query.to, experimentId, armId) as { n: number };
  const page: Statement<[string, number, number, number, number, number, string | null, string | null, number], ImpressionChunkRow> = db.prepare(
    `SELECT rowid, impression_id, created_at, cold_start, purchase_intent, policy, items, features FROM impressions
     WHERE slot = ? AND created_at < ? AND (created_at > ? OR (created_at = ? AND rowid > ?)) AND created_at >= ?
       AND experiment_id IS ? AND arm_id IS ?
     ORDER BY created_at, rowid LIMIT ?`,
  );
  // One query per chunk for the rewards of its lists.
  const rewardsOf: Statement<[string], RewardChunkRow> = db.prepare(
    "SELECT impression_id, item_id, type, value, first_for_item FROM rewards WHERE impression_id IN (SELECT value FROM json_each(?)) AND kind != 'unmatched'",
  );
  const builder = new OpeDatasetBuilder(query.slot);
  // Compared as the engine's diversity compares them (leafCategory: trimmed, case-folded), looked up once per item.
  const lookup = options.categoryOf;
  const categories = new Map<string, string | undefined>();
  const categoryOf = lookup
    ? (itemId: string): string | undefined => {
        if (categories.has(itemId)) return categories.get(itemId);
        const c = lookup(itemId)?.trim().toLowerCase();
        categories.set(itemId, c);
        return c;
      }
    : undefined;
  const skipped: Record<string, number> = {};
  const skip = (reason: string): void => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  let afterTs = query.from - 1;
  let afterRow = Number.MAX_SAFE_INTEGER;
  for (;;) {
    // The first page starts just before `from`; later pages continue after the last (created_at, rowid).
    const rows = page.all(query.slot, query.to, afterTs, afterTs, afterRow, query.from, experimentId, armId, chunkSize);
    const randomised = rows.filter((r) => r.policy.includes('"randomised"'));
    const rewards = new Map<string, RewardChunkRow[]>();
    if (randomised.length > 0) {
      for (const r of rewardsOf.all(JSON.stringify(randomised.map((x) => x.impression_id)))) {
        const list = rewards.get(r.impression_id);
        if (list) list.push(r);
        else rewards.set(r.impression_id, [r]);
      }
    }
    for (const row of randomised) {
      if (builder.lists >= maxLists) break;
      const reason = addList(builder, row, rewards.get(row.impression_id) ?? [], categoryOf);
      if (reason) skip(reason);
    }
    const last = rows.at(-1);
    if (!last || rows.length < chunkSize || builder.lists >= maxLists) break;
    afterTs = last.created_at;
    afterRow = last.rowid;
    await nextTurn();
  }
  return { query, lists: count.n, dataset: builder.build(), skipped };
}

/** Adds one row if it is a usable randomised list; returns why not otherwise (undefined for a deterministic list or success). */
function addList(builder: OpeDatasetBuilder, row: ImpressionChunkRow, rewards: readonly RewardChunkRow[], categoryOf: ((itemId: string) => string | undefined) | undefined): string | undefined {
  const policy = parseLoggingPolicy(row.policy);
  const record = policy.exploration;
  if (policy.kind !== 'randomised' || !record) return undefined;
  if (!row.features) return 'no-features';
  const m = record.positions.length;
  const pool = record.pool;
  const n = pool.length;
  if (m < 2 || n < m) return 'bad-exploration-record';
  const context = record.context ?? 0;
  if (!Number.isInteger(context) || context < 0) return 'bad-exploration-record';
  const allItems = row.features.byteLength / (4 * FEATURES_PER_ITEM);
  if (!Number.isInteger(allItems) || allItems < context) return 'bad-features';
  // The features are the shown items in position order, then the pool items not shown, in pool
  // order, then the context (ranked candidates after the pool, never shown by exploration).
  const totalItems = allItems - context;
  const featureIndex = new Int32Array(n).fill(-1);
  const shownPool: number[] = [];
  if (!record.shuffled) {
    const shownCount = totalItems - (n - m);
    if (shownCount < (record.positions[m - 1] as number)) return 'bad-features';
    for (let k = 0; k < m; k++) {
      featureIndex[k] = (record.positions[k] as number) - 1;
      shownPool.push(k);
    }
    for (let j = m; j < n; j++) featureIndex[j] = shownCount + (j - m);
  } else {
    const items = storedItemIds(row.items);
    const poolIndex = new Map(pool.map((id, j) => [id, j]));
    for (const p of record.positions) {
      const j = poolIndex.get(items[p - 1] ?? '');
      if (j === undefined) return 'window-item-not-in-pool';
      featureIndex[j] = p - 1;
      shownPool.push(j);
    }
    let next = items.length;
    for (let j = 0; j < n; j++) if (featureIndex[j] === -1) featureIndex[j] = next++;
    if (next !== totalItems) return 'bad-features';
  }
  // A Float32Array view needs a 4-byte-aligned offset: copy the blob when SQLite's buffer is not.
  const bytes = row.features.byteOffset % 4 === 0 ? row.features : new Uint8Array(row.features);
  const raw = new Float32Array(bytes.buffer, bytes.byteOffset, allItems * FEATURES_PER_ITEM);
  const poolFeatures = new Float32Array(n * FEATURES_PER_ITEM);
  for (let j = 0; j < n; j++) {
    const from = (featureIndex[j] as number) * FEATURES_PER_ITEM;
    for (let f = 0; f < FEATURES_PER_ITEM; f++) poolFeatures[j * FEATURES_PER_ITEM + f] = raw[from + f] as number;
  }
  const slotOfPool = new Map<string, number>();
  shownPool.forEach((j, s) => slotOfPool.set(pool[j] as string, s));
  const clicks = new Array<number>(m).fill(0);
  const carts = new Array<number>(m).fill(0);
  const purchases = new Array<number>(m).fill(0);
  const revenue = new Array<number>(m).fill(0);
  for (const r of rewards) {
    const s = slotOfPool.get(r.item_id);
    if (s === undefined) continue;
    const first = r.first_for_item === 1 ? 1 : 0;
    if (r.type === 'click') clicks[s] = (clicks[s] as number) + first;
    else if (r.type === 'add_to_cart') carts[s] = (carts[s] as number) + first;
    else if (r.type === 'purchase') {
      purchases[s] = (purchases[s] as number) + first;
      // Held to the contract's ceiling: a value stored before it could be Infinity, and one made every estimate NaN.
      revenue[s] = (revenue[s] as number) + boundedValue(r.value);
    }
  }
  builder.add({
    impressionId: row.impression_id,
    createdAt: row.created_at,
    rate: record.rate,
    shuffled: record.shuffled,
    purchaseIntent: row.purchase_intent,
    coldStart: row.cold_start === 1,
    pool,
    poolCategories: categoryOf ? pool.map(categoryOf) : pool.map(() => undefined),
    poolFeatures,
    contextFeatures: raw.slice(totalItems * FEATURES_PER_ITEM),
    windowPositions: record.positions,
    shownPool,
    clicks,
    carts,
    purchases,
    revenue,
  });
  return undefined;
}
