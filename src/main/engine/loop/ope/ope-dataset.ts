import { FEATURES_PER_ITEM } from '../../ranking';

/**
 * The randomised lists of one slot, as estimators and policy learning read them: compact typed
 * arrays, one entry per list, per pool item and per window slot (about 40 bytes a pool item).
 *
 * List i owns pool items poolStart[i] .. poolStart[i+1]-1 (in the logged pool's order: the
 * deterministic window first, then the ranked continuation) and window slots
 * windowStart[i] .. windowStart[i+1]-1 (the window's free positions in order). Window slot s of
 * list i showed pool item shownPool[s] (an index within the list's pool) at list position
 * windowPosition[s]; its attributed outcomes are clicks[s], carts[s], purchases[s], revenue[s].
 * The deterministic policy shows pool item j at window slot j; a shuffled list shows a uniformly
 * random arrangement of |window| pool items.
 */
export interface OpeDataset {
  readonly slot: string;
  /** Number of lists (all randomised: shuffled or not). */
  readonly lists: number;
  readonly impressionIds: readonly string[];
  readonly createdAt: Float64Array;
  /** The exploration rate each list was served with. */
  readonly rate: Float64Array;
  /** 1 when the list's window was shuffled, 0 when it kept the ranked order. */
  readonly shuffled: Uint8Array;
  readonly purchaseIntent: Float32Array;
  readonly coldStart: Uint8Array;
  readonly poolStart: Int32Array;
  readonly windowStart: Int32Array;
  /** Per pool item: an index into `itemIds`, and one into `categories` (-1: none). */
  readonly poolItem: Int32Array;
  readonly poolCategory: Int32Array;
  /** Per pool item: FEATURES_PER_ITEM floats (channel scores in CHANNELS order, then the rules' effect). */
  readonly features: Float32Array;
  /**
   * List i's context (ranked candidates logged after its pool, never shown by exploration; read only
   * to normalise a target's diversity as the engine would): items contextStart[i] .. contextStart[i+1]-1,
   * FEATURES_PER_ITEM floats each in contextFeatures.
   */
  readonly contextStart: Int32Array;
  readonly contextFeatures: Float32Array;
  readonly windowPosition: Int32Array;
  readonly shownPool: Int32Array;
  readonly clicks: Float32Array;
  readonly carts: Float32Array;
  readonly purchases: Float32Array;
  readonly revenue: Float64Array;
  /** Dictionaries of item ids and categories the lists refer to. */
  readonly itemIds: readonly string[];
  readonly categories: readonly string[];
}

/** One list as the log reader hands it to the builder. */
export interface OpeListInput {
  readonly impressionId: string;
  readonly createdAt: number;
  readonly rate: number;
  readonly shuffled: boolean;
  readonly purchaseIntent: number;
  readonly coldStart: boolean;
  /** The pool's item ids in pool order, their categories and features (FEATURES_PER_ITEM each, pool order). */
  readonly pool: readonly string[];
  readonly poolCategories: readonly (string | undefined)[];
  readonly poolFeatures: Float32Array;
  /** The context's features (FEATURES_PER_ITEM each, ranked order); absent: none. */
  readonly contextFeatures?: Float32Array;
  /** Per window slot: the list position and the pool index shown there. */
  readonly windowPositions: readonly number[];
  readonly shownPool: readonly number[];
  /** Per window slot: attributed outcomes. */
  readonly clicks: readonly number[];
  readonly carts: readonly number[];
  readonly purchases: readonly number[];
  readonly revenue: readonly number[];
}

/** Growable typed arrays: lists are appended one by one, then frozen into an OpeDataset. */
class Column<T extends Float64Array | Float32Array | Int32Array | Uint8Array> {
  private data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  push(x: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = x;
  }
  append(values: ArrayLike<number>): void {
    if (this.length + values.length > this.data.length) this.grow(this.length + values.length);
    this.data.set(values, this.length);
    this.length += values.length;
  }
  private grow(atLeast: number): void {
    const bigger = this.make(Math.max(atLeast, this.data.length * 2));
    bigger.set(this.data);
    this.data = bigger;
  }
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

const f64 = () => new Column((n) => new Float64Array(n));
const f32 = () => new Column((n) => new Float32Array(n));
const i32 = () => new Column((n) => new Int32Array(n));
const u8 = () => new Column((n) => new Uint8Array(n));

export class OpeDatasetBuilder {
  private readonly impressionIds: string[] = [];
  private readonly createdAt = f64();
  private readonly rate = f64();
  private readonly shuffled = u8();
  private readonly purchaseIntent = f32();
  private readonly coldStart = u8();
  private readonly poolStart = i32();
  private readonly windowStart = i32();
  private readonly poolItem = i32();
  private readonly poolCategory = i32();
  private readonly features = f32();
  private readonly contextStart = i32();
  private readonly contextFeatures = f32();
  private readonly windowPosition = i32();
  private readonly shownPool = i32();
  private readonly clicks = f32();
  private readonly carts = f32();
  private readonly purchases = f32();
  private readonly revenue = f64();
  private readonly itemCodes = new Map<string, number>();
  private readonly categoryCodes = new Map<string, number>();

  constructor(readonly slot: string) {
    this.poolStart.push(0);
    this.windowStart.push(0);
    this.contextStart.push(0);
  }

  get lists(): number {
    return this.impressionIds.length;
  }

  add(list: OpeListInput): void {
    const m = list.windowPositions.length;
    const contextFeatures = list.contextFeatures ?? new Float32Array(0);
    if (list.shownPool.length !== m || list.poolFeatures.length !== list.pool.length * FEATURES_PER_ITEM || contextFeatures.length % FEATURES_PER_ITEM !== 0) throw new RangeError(`list ${list.impressionId}: window or features do not match its pool`);
    this.impressionIds.push(list.impressionId);
    this.createdAt.push(list.createdAt);
    this.rate.push(list.rate);
    this.shuffled.push(list.shuffled ? 1 : 0);
    this.purchaseIntent.push(list.purchaseIntent);
    this.coldStart.push(list.coldStart ? 1 : 0);
    list.pool.forEach((itemId, j) => {
      this.poolItem.push(code(this.itemCodes, itemId));
      const category = list.poolCategories[j];
      this.poolCategory.push(category === undefined ? -1 : code(this.categoryCodes, category));
    });
    this.features.append(list.poolFeatures);
    this.contextFeatures.append(contextFeatures);
    this.contextStart.push(this.contextFeatures.length / FEATURES_PER_ITEM);
    for (let s = 0; s < m; s++) {
      this.windowPosition.push(list.windowPositions[s] as number);
      this.shownPool.push(list.shownPool[s] as number);
      this.clicks.push(list.clicks[s] ?? 0);
      this.carts.push(list.carts[s] ?? 0);
      this.purchases.push(list.purchases[s] ?? 0);
      this.revenue.push(list.revenue[s] ?? 0);
    }
    this.poolStart.push(this.poolItem.length);
    this.windowStart.push(this.windowPosition.length);
  }

  build(): OpeDataset {
    return {
      slot: this.slot,
      lists: this.impressionIds.length,
      impressionIds: this.impressionIds,
      createdAt: this.createdAt.done(),
      rate: this.rate.done(),
      shuffled: this.shuffled.done(),
      purchaseIntent: this.purchaseIntent.done(),
      coldStart: this.coldStart.done(),
      poolStart: this.poolStart.done(),
      windowStart: this.windowStart.done(),
      poolItem: this.poolItem.done(),
      poolCategory: this.poolCategory.done(),
      features: this.features.done(),
      contextStart: this.contextStart.done(),
      contextFeatures: this.contextFeatures.done(),
      windowPosition: this.windowPosition.done(),
      shownPool: this.shownPool.done(),
      clicks: this.clicks.done(),
      carts: this.carts.done(),
      purchases: this.purchases.done(),
      revenue: this.revenue.done(),
      itemIds: [...this.itemCodes.keys()],
      categories: [...this.categoryCodes.keys()],
    };
  }
}

function code(codes: Map<string, number>, key: string): number {
  let c = codes.get(key);
  if (c === undefined) {
    c = codes.size;
    codes.set(key, c);
  }
  return c;
}

/** Pool size and window size of list i. */
export function poolSizeOf(d: OpeDataset, i: number): number {
  return (d.poolStart[i + 1] as number) - (d.poolStart[i] as number);
}

export function windowSizeOf(d: OpeDataset, i: number): number {
  return (d.windowStart[i + 1] as number) - (d.windowStart[i] as number);
}

/**
 * Exact probability that list i's logging policy showed its pool item j at window slot k (both
 * indices within the list): (1 - rate) 1[j == k] + rate / |pool| (see explore-window.ts).
 */
export function slotPropensity(d: OpeDataset, i: number, j: number, k: number): number {
  const rate = d.rate[i] as number;
  return (j === k ? 1 - rate : 0) + rate / poolSizeOf(d, i);
}

/** The window of the widest list, in list positions (estimators key curves by position). */
export function windowPositionsOf(d: OpeDataset): number[] {
  const positions = new Set<number>();
  for (const p of d.windowPosition) positions.add(p);
  return [...positions].sort((a, b) => a - b);
}
