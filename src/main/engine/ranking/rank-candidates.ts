import { CHANNELS, type ChannelScores, type FusionWeights, type RankedItem, type Rule } from '../../../shared/contract/recommendations';
import { searchSortKey, type SearchSort } from '../../../shared/contract/search';
import { diversify, type DiversityOptions } from './diversity/diversify';
import type { ExplorationSettings } from './exploration/exploration-settings';
import { exploreWindow, windowPropensity, type ExplorationRecord } from './exploration/explore-window';
import { applyFilters } from './rules/apply-filters';
import { applyScoreRules, scoreRange } from './rules/apply-score-rules';
import { placePins, type UnplacedPin } from './rules/place-pins';
import { isRuleActive, type RuleRequestContext } from './rules/rule-activity';
import type { RemovedCandidate, RuledCandidate } from './rules/ruled-candidate';
import type { RankingCandidate } from './scoring/candidate';
import { contributionsOf, fuseScores } from './scoring/fuse-scores';

export interface RankOptions {
  readonly weights: Readonly<FusionWeights>;
  /** All rules; the ones active for `slot` at `now` are applied. */
  readonly rules: readonly Rule[];
  readonly slot: string;
  readonly now: number;
  /** The request's query and category, for rules with a query condition or a category scope (default: neither). */
  readonly context?: RuleRequestContext;
  readonly k: number;
  /** Finds a pinned item that is not among the candidates (from the catalogue); it enters with zero channel scores. */
  readonly lookupItem?: (itemId: string) => RankingCandidate | undefined;
  readonly diversity?: DiversityOptions;
  /** The slot's exploration budget and the random source that draws it; absent = a deterministic list. */
  readonly exploration?: { readonly settings: ExplorationSettings; readonly random: () => number };
  /**
   * A search sorted by price or catalogue time: the unpinned places are filled in that order (items
   * without a price last; ties by score) instead of by score and diversity, and nothing is explored.
   * Pins, hides and filters apply as always; boosts and buries change scores, not this order.
   */
  readonly order?: Exclude<SearchSort, 'relevance'>;
}

export interface RankOutcome {
  readonly items: RankedItem[];
  /** Candidates removed by filter rules, with the rules that removed them. */
  readonly removed: RemovedCandidate[];
  readonly unplacedPins: UnplacedPin[];
  /** How the window was randomised (null for a deterministic list). */
  readonly exploration: ExplorationRecord | null;
  /** Every shown item, then the exploration pool's items that were not shown: what the log keeps features of. */
  readonly considered: RuledCandidate[];
}

const ZERO_SCORES: ChannelScores = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as ChannelScores;

/** One entry per item id; a duplicate adds its sources to the first. */
function dedupe(candidates: readonly RankingCandidate[]): RankingCandidate[] {
  const byId = new Map<string, RankingCandidate>();
  for (const c of candidates) {
    const seen = byId.get(c.itemId);
    if (!seen) byId.set(c.itemId, c);
    else byId.set(c.itemId, { ...seen, sources: [...new Set([...seen.sources, ...c.sources])] });
  }
  return [...byId.values()];
}

const byScore = (a: RuledCandidate, b: RuledCandidate): number => b.score - a.score || (a.candidate.itemId < b.candidate.itemId ? -1 : a.candidate.itemId > b.candidate.itemId ? 1 : 0);

/** A sorted search's order: the key ascending (price; newest first), items without one last, then by score. */
function byKey(order: Exclude<SearchSort, 'relevance'>): (a: RuledCandidate, b: RuledCandidate) => number {
  const key = (c: RankingCandidate): number => searchSortKey(order, c.price, c.updatedAt);
  return (a, b) => {
    const ka = key(a.candidate);
    const kb = key(b.candidate);
    return ka < kb ? -1 : ka > kb ? 1 : byScore(a, b);
  };
}

/**
 * The ranking step of a request, pure: fuse the channels with the weights, remove what filter
 * rules match, add boost and bury effects, place pins, diversify the rest, randomise the
 * exploration window when the slot explores, and attach a propensity (the exact probability that
 * this policy put the item at its position: 1 in a deterministic list) and an explanation to every
 * shown item. Deterministic for the same input and random draws.
 */
export function rankCandidates(candidates: readonly RankingCandidate[], options: RankOptions): RankOutcome {
  const k = Math.max(0, Math.floor(options.k));
  const active = options.rules.filter((r) => isRuleActive(r, options.slot, options.now, options.context));
  const pool = dedupe(candidates);
  const pinRules = active.filter((r) => r.kind === 'pin');
  // Items a pin brought in from the catalogue (not proposed): they enter with zero scores.
  const pinnedIn = new Set<string>();
  if (pinRules.length) {
    const inPool = new Set(pool.map((c) => c.itemId));
    for (const pin of pinRules) {
      if (pin.target.type !== 'item' || inPool.has(pin.target.itemId)) continue;
      const item = options.lookupItem?.(pin.target.itemId);
      if (!item) continue;
      pool.push({ ...item, scores: ZERO_SCORES, sources: ['pin'] });
      inPool.add(item.itemId);
      pinnedIn.add(item.itemId);
    }
  }
  const proposed = (id: string): boolean => !pinnedIn.has(id);

  const fused = fuseScores(pool, options.weights);
  const members = options.context?.targetMembers;
  const { kept, removed } = applyFilters(fused, active, members);
  // The range is taken over the proposed candidates, not over items a pin brought in with zero scores.
  const range = scoreRange(pinnedIn.size ? kept.filter((f) => proposed(f.candidate.itemId)) : kept);
  const ruled = applyScoreRules(kept, active, range, members).sort(byScore);

  const { placed, unplaced } = pinRules.length ? placePins(pinRules, new Map(ruled.map((r) => [r.candidate.itemId, r])), k) : { placed: [], unplaced: [] };
  const pinnedIds = new Set(placed.map((p) => p.item.candidate.itemId));
  // An item a pin brought in shows only at its pin, never as an organic result.
  const rest = pinnedIds.size || pinnedIn.size ? ruled.filter((r) => !pinnedIds.has(r.candidate.itemId) && proposed(r.candidate.itemId)) : ruled;
  const fill = options.order ? [...rest].sort(byKey(options.order)).slice(0, Math.max(0, k - placed.length)) : diversify(rest, k - placed.length, options.diversity ?? {}, placed.map((p) => p.item));

  const slots: (RuledCandidate | undefined)[] = new Array<RuledCandidate | undefined>(k).fill(undefined);
  for (const p of placed) slots[p.position - 1] = p.item;
  let next = 0;
  for (let i = 0; i < k && next < fill.length; i++) if (slots[i] === undefined) slots[i] = fill[next++];
  // Holes remain when there are too few items to reach a pin's position; the pin moves up.
  let shown = slots.filter((s): s is RuledCandidate => s !== undefined);

  let exploration: ExplorationRecord | null = null;
  let considered = shown;
  const explore = options.order ? undefined : options.exploration;
  if (explore?.settings.enabled) {
    const pinnedPositions = new Set<number>();
    shown.forEach((s, i) => pinnedIds.has(s.candidate.itemId) && pinnedPositions.add(i + 1));
    const wrap = (r: RuledCandidate) => ({ id: r.candidate.itemId, r });
    const drawn = exploreWindow(shown.map(wrap), pinnedPositions, rest.map(wrap), explore.settings, explore.random);
    if (drawn) {
      exploration = drawn.record;
      shown = drawn.order.map((o) => o.r);
      const byId = new Map(rest.map((r) => [r.candidate.itemId, r]));
      const shownIds = new Set(shown.map((r) => r.candidate.itemId));
      // Shown, then the pool's items not shown, then the context (logged for normalisation only).
      considered = [...shown, ...drawn.record.pool.filter((id) => !shownIds.has(id)).map((id) => byId.get(id) as RuledCandidate), ...drawn.context.map((c) => c.r)];
    }
  }
  const windowIndex = new Map((exploration?.positions ?? []).map((p, i) => [p, i]));
  const items = shown.map((r, i): RankedItem => {
    const c = r.candidate;
    return {
      itemId: c.itemId,
      title: c.title,
      ...(c.brand !== undefined ? { brand: c.brand } : {}),
      ...(c.category !== undefined ? { category: c.category } : {}),
      ...(c.price !== undefined ? { price: c.price } : {}),
      position: i + 1,
      score: r.score,
      propensity: exploration && windowIndex.has(i + 1) ? windowPropensity(exploration, c.itemId, windowIndex.get(i + 1) as number) : 1,
      contributions: contributionsOf(c.scores, options.weights),
      rules: r.rules,
      sources: [...c.sources],
    };
  });
  return { items, removed, unplacedPins: unplaced, exploration, considered };
}
