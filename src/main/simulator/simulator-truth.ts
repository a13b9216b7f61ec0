import type { CatalogItem } from '../../shared/contract';
import { DEMO_SEED, demoShopperId } from '../engine/demo';
import type { Random } from '../engine/demo/random';
import { arrangeShopFloor, type ShopFloor } from '../engine/demo/shop-floor';
import { expectedCartQuantity } from './cart-quantity';
import { DEFAULT_EXAMINATION_POWER, examinationProbability } from './examination-curve';
import { drawSimulatedShopper, type SimulatedShopper } from './simulated-shopper';
import { attractivenessOf, cartProbabilityOf, purchaseProbabilityOf, tasteFit, TASTE_MODEL, type ShelvedItem } from './taste-fit';

export interface SimulatorTruthOptions {
  /** Seeds the shop floor and the shoppers' tastes: the demo's seed (42) gives the demo shoppers their own tastes. */
  readonly seed?: number;
  /** Population: shoppers U00001..U<n> (default 600, the demo's; ids past the seeded count are new shoppers). */
  readonly shoppers?: number;
  /** eta of the examination curve theta_k = k^-eta (default 0.8). */
  readonly examinationPower?: number;
  /**
   * An assumption some measurements make, off by default (the estimators' tests need tastes that do
   * not change): a shopper who bought from a shelf buys from it again with P(purchase | cart) x
   * `factor` for `days` after (a bike helmet, not a shampoo). Purchases are recorded by the session
   * driver (recordPurchase).
   */
  readonly satiation?: Satiation;
}

export interface Satiation {
  readonly days: number;
  readonly factor: number;
}

/** A composite reward per list: weights per click, cart add and purchase (e.g. 1, 3, 10). */
export interface RewardWeights {
  readonly click: number;
  readonly cart: number;
  readonly purchase: number;
}
/** What a list is worth: weighted counts, or revenue (price x quantity of purchases). */
export type RewardSpec = RewardWeights | 'revenue';

/** What the model says of one shopper and one item. */
export interface ItemTruth {
  readonly itemId: string;
  /** 0..1 taste fit. */
  readonly fit: number;
  /** P(click | examined). */
  readonly attractiveness: number;
  /** P(add to cart | click). */
  readonly cartProbability: number;
  /** P(purchase | in cart). */
  readonly purchaseProbability: number;
  /** Catalogue price (0 when unknown). */
  readonly price: number;
  readonly expectedQuantity: number;
  /** Where it sits, absent for an item the simulator's catalogue does not have. */
  readonly shelved: ShelvedItem | undefined;
}

/** Expected counts for one list shown once, positions 1..n. */
export interface ExpectedOutcome {
  readonly clicks: number;
  readonly carts: number;
  readonly purchases: number;
  readonly revenue: number;
}

/**
 * The simulator's ground truth: who the shoppers are, what they like, and the exact click,
 * cart and purchase probabilities of the model. Tests and estimators read it; the engine never does.
 */
export class SimulatorTruth {
  readonly seed: number;
  readonly examinationPower: number;
  readonly shopperIds: readonly string[];
  private readonly items = new Map<string, ShelvedItem>();
  private readonly shoppers = new Map<string, SimulatedShopper>();
  private arrivalWeights: number[] | undefined;
  readonly satiation: Satiation | null;
  /** Per shopper, per shelf: the newest purchase's time (recorded only with satiation on). */
  private readonly bought = new Map<string, Map<string, number>>();

  private constructor(
    readonly floor: ShopFloor,
    options: Required<Omit<SimulatorTruthOptions, 'satiation'>> & { satiation: Satiation | null },
  ) {
    this.seed = options.seed;
    this.examinationPower = options.examinationPower;
    this.satiation = options.satiation;
    this.shopperIds = Array.from({ length: options.shoppers }, (_, i) => demoShopperId(i + 1));
    for (const shelf of floor.shelves) shelf.items.forEach((item, index) => this.items.set(item.itemId, { item, shelf, index }));
  }

  /**
   * Builds the truth over a catalogue (any order: it is arranged by item id, the order the store
   * lists it and the demo generator creates it, so the shop floor matches the generator's).
   */
  static fromCatalogue(catalogue: readonly CatalogItem[], options: SimulatorTruthOptions = {}): SimulatorTruth {
    if (catalogue.length === 0) throw new RangeError('the simulator needs a catalogue with at least one item');
    const shoppers = options.shoppers ?? 600;
    if (!Number.isSafeInteger(shoppers) || shoppers < 1) throw new RangeError(`shoppers must be a positive integer, got ${shoppers}`);
    const power = options.examinationPower ?? DEFAULT_EXAMINATION_POWER;
    if (!(power > 0)) throw new RangeError(`examinationPower must be positive, got ${power}`);
    const seed = options.seed ?? DEMO_SEED;
    const sorted = catalogue.slice().sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
    const satiation = options.satiation ?? null;
    if (satiation && !(satiation.days > 0 && satiation.factor >= 0 && satiation.factor <= 1)) throw new RangeError(`satiation needs days > 0 and a factor in [0, 1], got ${JSON.stringify(satiation)}`);
    return new SimulatorTruth(arrangeShopFloor(sorted, seed), { seed, shoppers, examinationPower: power, satiation });
  }

  /** theta_k: P(position k is examined). */
  examination(position: number): number {
    return examinationProbability(position, this.examinationPower);
  }

  /** Any shopper id gets tastes (the population's ids are the ones sessions are drawn from). */
  shopper(shopperId: string): SimulatedShopper {
    let shopper = this.shoppers.get(shopperId);
    if (shopper === undefined) {
      shopper = drawSimulatedShopper(this.seed, this.floor, shopperId);
      this.shoppers.set(shopperId, shopper);
    }
    return shopper;
  }

  /** A shopper of the population, more often those who shop more often (weight: sessions per week). */
  drawShopper(rng: Random): SimulatedShopper {
    this.arrivalWeights ??= this.shopperIds.map((id) => this.shopper(id).intent.sessionsPerWeek);
    return this.shopper(this.shopperIds[rng.weightedIndex(this.arrivalWeights)] as string);
  }

  shelvedItem(itemId: string): ShelvedItem | undefined {
    return this.items.get(itemId);
  }

  /** The shopper bought this item at `ts` (the session driver tells; nothing is kept without satiation). */
  recordPurchase(shopperId: string, itemId: string, ts: number): void {
    const shelf = this.items.get(itemId)?.shelf.category;
    if (!this.satiation || shelf === undefined) return;
    let shelves = this.bought.get(shopperId);
    if (!shelves) this.bought.set(shopperId, (shelves = new Map()));
    shelves.set(shelf, Math.max(ts, shelves.get(shelf) ?? -Infinity));
  }

  /**
   * Everything the model says of this shopper and item (at time `at`, which only satiation reads).
   * An item the simulator's catalogue lacks has fit 0 (attractiveness alphaMin) and is never carted.
   */
  itemTruth(shopperId: string, itemId: string, at?: number): ItemTruth {
    const shelved = this.items.get(itemId);
    if (shelved === undefined) {
      return { itemId, fit: 0, attractiveness: TASTE_MODEL.alphaMin, cartProbability: 0, purchaseProbability: 0, price: 0, expectedQuantity: 1, shelved };
    }
    const shopper = this.shopper(shopperId);
    const fit = tasteFit(shopper, shelved);
    return {
      itemId,
      fit,
      attractiveness: attractivenessOf(fit),
      cartProbability: cartProbabilityOf(shopper, shelved, fit),
      purchaseProbability: purchaseProbabilityOf(shopper, shelved, fit) * this.sated(shopperId, shelved, at),
      price: shelved.item.price ?? 0,
      expectedQuantity: expectedCartQuantity(shelved.shelf),
      shelved,
    };
  }

  /** satiation.factor while the shopper's last purchase from this shelf is under satiation.days old at `at`, else 1. */
  private sated(shopperId: string, shelved: ShelvedItem, at: number | undefined): number {
    if (!this.satiation || at === undefined) return 1;
    const last = this.bought.get(shopperId)?.get(shelved.shelf.category);
    return last !== undefined && at >= last && at - last < this.satiation.days * 86_400_000 ? this.satiation.factor : 1;
  }

  attractiveness(shopperId: string, itemId: string): number {
    return this.itemTruth(shopperId, itemId).attractiveness;
  }

  /** P(click at position k) = theta_k * alpha: the position-based model. */
  clickProbability(shopperId: string, itemId: string, position: number): number {
    return this.examination(position) * this.attractiveness(shopperId, itemId);
  }

  /**
   * Expected clicks, cart adds, purchases and revenue of this list shown once: item i at positions[i]
   * (default: positions 1..n).
   */
  expectedOutcome(shopperId: string, itemIds: readonly string[], positions?: readonly number[]): ExpectedOutcome {
    let clicks = 0;
    let carts = 0;
    let purchases = 0;
    let revenue = 0;
    itemIds.forEach((itemId, i) => {
      const position = positions === undefined ? i + 1 : positions[i];
      if (position === undefined) return;
      const t = this.itemTruth(shopperId, itemId);
      const click = this.examination(position) * t.attractiveness;
      const cart = click * t.cartProbability;
      const purchase = cart * t.purchaseProbability;
      clicks += click;
      carts += cart;
      purchases += purchase;
      revenue += purchase * t.price * t.expectedQuantity;
    });
    return { clicks, carts, purchases, revenue };
  }

  /**
   * E[reward] of showing these items at positions 1..n once, exactly under the model:
   *   sum_k theta_k alpha_k (w_click + c_k (w_cart + b_k w_purchase)),  or for 'revenue'
   *   sum_k theta_k alpha_k c_k b_k price_k E[quantity_k].
   */
  expectedReward(shopperId: string, itemIds: readonly string[], reward: RewardSpec): number {
    const o = this.expectedOutcome(shopperId, itemIds);
    if (reward === 'revenue') return o.revenue;
    return reward.click * o.clicks + reward.cart * o.carts + reward.purchase * o.purchases;
  }
}
