/**
 * Past search queries that returned clicks, for type-ahead: per normalised query, each shopper's
 * share (clicks, conversions, a recency-decayed score), a sorted key list for prefix lookups, and
 * the privacy rule (a query is offered to everyone only once enough distinct shoppers clicked on
 * its results; below that only to the shoppers who did). Pure and in memory: QuerySuggestions fills
 * it from the store and from attribution.
 */

export type RewardKind = 'click' | 'add_to_cart' | 'purchase';

export interface SuggestionSettings {
  /** Distinct shoppers who clicked a query's results before it is suggested to anyone else. */
  readonly minShoppers: number;
  /** A click (or conversion) counts half as much after this many days. */
  readonly halfLifeDays: number;
  /** What each reward adds to a query's score (before decay). */
  readonly weights: Readonly<Record<RewardKind, number>>;
  /** A shopper's own past queries rank as if their score were this many times higher. */
  readonly ownBoost: number;
}

export const DEFAULT_SUGGESTION_SETTINGS: SuggestionSettings = Object.freeze({
  minShoppers: 2,
  halfLifeDays: 14,
  weights: Object.freeze({ click: 1, add_to_cart: 2, purchase: 4 }),
  ownBoost: 4,
});

/** Checks settings, naming the bad field (an engine option: a typo must not silently weaken privacy). */
export function suggestionSettings(partial: Partial<SuggestionSettings> = {}): SuggestionSettings {
  const s: SuggestionSettings = { ...DEFAULT_SUGGESTION_SETTINGS, ...partial, weights: { ...DEFAULT_SUGGESTION_SETTINGS.weights, ...partial.weights } };
  const bad = (field: string, want: string, got: unknown): Error => new Error(`querySuggestions.${field} must be ${want} (got ${String(got)})`);
  if (!Number.isInteger(s.minShoppers) || s.minShoppers < 1) throw bad('minShoppers', 'an integer of at least 1', s.minShoppers);
  if (!(s.halfLifeDays > 0) || !Number.isFinite(s.halfLifeDays)) throw bad('halfLifeDays', 'a positive number', s.halfLifeDays);
  if (!(s.ownBoost >= 1) || !Number.isFinite(s.ownBoost)) throw bad('ownBoost', 'a number of at least 1', s.ownBoost);
  for (const [k, w] of Object.entries(s.weights)) if (!(w >= 0) || !Number.isFinite(w)) throw bad(`weights.${k}`, 'a number of at least 0', w);
  return s;
}

/** One attributed reward on a search list. */
export interface QueryReward {
  /** The query as normalised for the index (`normaliseSuggestion`, or its corrected form). */
  readonly query: string;
  /** Who searched: a shopper id, or the session for an anonymous list (kept apart by a prefix). */
  readonly shopper: string;
  readonly type: RewardKind;
  /** The reward's time (ms); decay counts from it. */
  readonly ts: number;
  /** For clicks: the first click on this item of this list (a repeated click counts once). */
  readonly first: boolean;
}

export interface PastQuery {
  readonly text: string;
  /** Clicks on its results (all shoppers', or the asking shopper's own when the query is below the threshold). */
  readonly clicks: number;
  /** Cart adds and purchases, counted the same way. */
  readonly conversions: number;
  /** Suggested because the asking shopper searched it (boosted; may be below the threshold). */
  readonly own: boolean;
}

interface Share {
  clicks: number;
  conversions: number;
  /** log2 of the decayed score (see `decayLog`). */
  log: number;
}

interface Entry {
  readonly text: string;
  clicks: number;
  conversions: number;
  log: number;
  /** Shoppers with at least one click. */
  clickers: number;
  readonly shares: Map<string, Share>;
}

/** The most suggestions one call may ask for (the contract's `k` is at most 20). */
export const MAX_SUGGESTIONS = 20;
/** A prefix whose run of entries is longer than this keeps its shared top list (kept current by `add`). */
const SCAN_LIMIT = 256;
/** Prefixes with a kept top list, at most (all are dropped beyond, and rebuilt on use). */
const MAX_TOPS = 5_000;

/** Scores are kept as log2(sum of w x 2^((ts - EPOCH) / halfLife)): ordering them is ordering by decayed score at any later time, with no overflow. */
const EPOCH = Date.UTC(2020, 0, 1);
const DAY_MS = 86_400_000;

function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const hi = Math.max(a, b);
  return hi + Math.log2(1 + 2 ** (Math.min(a, b) - hi));
}

/** Case-folded (NFKC, lower case), whitespace collapsed and trimmed, at most 256 characters. */
export function normaliseSuggestion(query: string): string {
  return query.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 256);
}

/** The typed text as a prefix: normalised, but a trailing space stays (the last word is complete). */
export function typedPrefix(typed: string): string {
  const n = normaliseSuggestion(typed);
  return n !== '' && /\s$/.test(typed) ? `${n} ` : n;
}

export class SuggestionIndex {
  private readonly entries = new Map<string, Entry>();
  /** Every entry, sorted by text in code-unit order: the texts with a prefix are one contiguous run. */
  private readonly sorted: Entry[] = [];
  /** Per shopper, the queries they have a share in (their own suggestions, and erasure). */
  private readonly byShopper = new Map<string, Set<string>>();
  /**
   * For prefixes with a long run of entries: the best MAX_SUGGESTIONS entries open to everyone
   * (at least minShoppers clickers), by decayed score. `add` only raises one entry's score, clicks
   * and clickers, so moving that entry keeps each list exact; `forget` drops them all.
   */
  private readonly tops = new Map<string, Entry[]>();
  private readonly halfLifeMs: number;
  /** Filling in bulk (a rebuild): new entries are appended and sorted once by `endBulk`. */
  private bulk: boolean;

  constructor(
    readonly settings: SuggestionSettings = DEFAULT_SUGGESTION_SETTINGS,
    opts: { bulk?: boolean } = {},
  ) {
    this.halfLifeMs = settings.halfLifeDays * DAY_MS;
    this.bulk = opts.bulk === true;
  }

  /** Sorts what a bulk fill appended; from here on each new entry is inserted at its place. */
  endBulk(): void {
    if (!this.bulk) return;
    this.bulk = false;
    this.sorted.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    this.tops.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  add(r: QueryReward): void {
    if (r.query === '' || r.shopper === '') return;
    const weight = r.type === 'click' ? (r.first ? this.settings.weights.click : 0) : this.settings.weights[r.type];
    const click = r.type === 'click' && r.first ? 1 : 0;
    if (click === 0 && r.type === 'click') return;
    let entry = this.entries.get(r.query);
    if (!entry) {
      entry = { text: r.query, clicks: 0, conversions: 0, log: -Infinity, clickers: 0, shares: new Map() };
      this.entries.set(r.query, entry);
      if (this.bulk) this.sorted.push(entry);
      else this.sorted.splice(this.lowerBound(r.query), 0, entry);
    }
    let share = entry.shares.get(r.shopper);
    if (!share) {
      share = { clicks: 0, conversions: 0, log: -Infinity };
      entry.shares.set(r.shopper, share);
      let mine = this.byShopper.get(r.shopper);
      if (!mine) this.byShopper.set(r.shopper, (mine = new Set()));
      mine.add(r.query);
    }
    if (click === 1 && share.clicks === 0) entry.clickers++;
    share.clicks += click;
    entry.clicks += click;
    const conversion = r.type === 'click' ? 0 : 1;
    share.conversions += conversion;
    entry.conversions += conversion;
    if (weight > 0) {
      const log = Math.log2(weight) + (r.ts - EPOCH) / this.halfLifeMs;
      share.log = logAdd(share.log, log);
      entry.log = logAdd(entry.log, log);
    }
    if (this.tops.size > 0 && this.isShared(entry)) {
      for (let len = 1; len <= entry.text.length; len++) {
        const top = this.tops.get(entry.text.slice(0, len));
        if (top) placeIn(top, entry);
      }
    }
  }

  private isShared(entry: Entry): boolean {
    return entry.clicks > 0 && entry.clickers >= this.settings.minShoppers;
  }

  /** Removes every share of `shopper` (an erasure); a query nobody else has leaves. */
  forget(shopper: string): void {
    this.endBulk();
    const mine = this.byShopper.get(shopper);
    if (!mine) return;
    this.byShopper.delete(shopper);
    this.tops.clear();
    for (const query of mine) {
      const entry = this.entries.get(query);
      const share = entry?.shares.get(shopper);
      if (!entry || !share) continue;
      entry.shares.delete(shopper);
      if (entry.shares.size === 0) {
        this.entries.delete(query);
        this.sorted.splice(this.lowerBound(query), 1);
        continue;
      }
      entry.clicks -= share.clicks;
      entry.conversions -= share.conversions;
      if (share.clicks > 0) entry.clickers--;
      // Summed again from the other shares (subtracting in the log domain would lose precision).
      entry.log = -Infinity;
      for (const s of entry.shares.values()) entry.log = logAdd(entry.log, s.log);
    }
  }

  /**
   * Past queries starting with `prefix` (already `typedPrefix`-normalised) that returned at least one
   * click: those with `minShoppers` distinct clickers, and `shopper`'s own (boosted). Highest
   * decayed score first, at most `k` (up to MAX_SUGGESTIONS). The candidates are the best
   * MAX_SUGGESTIONS shared entries under the prefix (a walk of its run of entries, or the kept top
   * list of a long run) and the shopper's own entries under it: an entry in neither is beaten by
   * at least MAX_SUGGESTIONS others, boosted or not.
   */
  suggest(prefix: string, k: number, shopper?: string): PastQuery[] {
    this.endBulk();
    if (prefix === '' || k <= 0) return [];
    k = Math.min(k, MAX_SUGGESTIONS);
    const boost = Math.log2(this.settings.ownBoost);
    const best: { entry: Entry; score: number; own: boolean; mine: Share | undefined }[] = [];
    const consider = (entry: Entry): void => {
      const mine = shopper === undefined ? undefined : entry.shares.get(shopper);
      const own = mine !== undefined && mine.clicks > 0;
      const shared = this.isShared(entry);
      if (!shared && !own) return;
      const score = (own ? boost : 0) + entry.log;
      if (best.length === k && !better(score, entry, best[k - 1]!)) return;
      let at = best.length;
      while (at > 0 && better(score, entry, best[at - 1]!)) at--;
      best.splice(at, 0, { entry, score, own, mine: shared ? undefined : mine });
      if (best.length > k) best.pop();
    };
    const shared = this.sharedTop(prefix);
    for (const entry of shared) consider(entry);
    const own = shopper === undefined ? undefined : this.byShopper.get(shopper);
    if (own) {
      for (const text of own) {
        const entry = text.startsWith(prefix) ? this.entries.get(text) : undefined;
        if (entry && !shared.includes(entry)) consider(entry);
      }
    }
    // Below the threshold a shopper sees only their own counts, never anyone else's.
    return best.map(({ entry, own, mine }) => ({ text: entry.text, clicks: mine ? mine.clicks : entry.clicks, conversions: mine ? mine.conversions : entry.conversions, own }));
  }

  /** The best MAX_SUGGESTIONS shared entries under `prefix`: a kept list, or a walk of the run (kept when long). */
  private sharedTop(prefix: string): readonly Entry[] {
    const kept = this.tops.get(prefix);
    if (kept) return kept;
    const top: Entry[] = [];
    let walked = 0;
    for (let i = this.lowerBound(prefix); i < this.sorted.length; i++) {
      const entry = this.sorted[i]!;
      if (!entry.text.startsWith(prefix)) break;
      walked++;
      if (this.isShared(entry)) placeIn(top, entry);
    }
    if (walked > SCAN_LIMIT) {
      if (this.tops.size >= MAX_TOPS) this.tops.clear();
      this.tops.set(prefix, top);
    }
    return top;
  }

  /** The first key position not below `key`. */
  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]!.text < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Puts `entry` (new, or with a higher score than before) at its place in a best-first list of at most MAX_SUGGESTIONS. */
function placeIn(top: Entry[], entry: Entry): void {
  const was = top.indexOf(entry);
  if (was >= 0) top.splice(was, 1);
  const last = top[top.length - 1];
  if (top.length === MAX_SUGGESTIONS && last && !better(entry.log, entry, { score: last.log, entry: last })) return;
  let at = top.length;
  while (at > 0 && better(entry.log, entry, { score: top[at - 1]!.log, entry: top[at - 1]! })) at--;
  top.splice(at, 0, entry);
  if (top.length > MAX_SUGGESTIONS) top.pop();
}

function better(score: number, entry: Entry, than: { score: number; entry: Entry }): boolean {
  if (score !== than.score) return score > than.score;
  if (entry.clicks !== than.entry.clicks) return entry.clicks > than.entry.clicks;
  return entry.text < than.entry.text;
}
