import type { RetrievalService, ScoredItem } from '../retrieval';
import type { ServingIntentModel } from '../finetune/serving-intent-model';
import type { AnnCache } from './ann-cache';
import { CandidatePool } from './candidate-pool';
import type { ShopperState } from './shopper-state';

/** How many candidates each source proposes before ranking. */
export const DEPTH = { ann: 100, covisit: 60, popular: 40, trending: 40, search: 100 } as const;

/** Candidates for a recommendation slot: nearest to the intent, seen-next after recent items, popular and trending. */
export function recommendCandidates(
  retrieval: RetrievalService,
  state: ShopperState,
  cache?: AnnSlot,
  learned?: ServingIntentModel,
): CandidatePool {
  const pool = new CandidatePool();
  if (learned) {
    // A model trained with event types and gaps reads the session's events as its training sequences were built.
    const hits = learned.usesEvents
      ? learned.candidatesForSession(state.events, DEPTH.ann)
      : learned.candidates(state.events.filter((e) => e.itemId !== null && e.type !== 'remove_from_cart' && e.type !== 'impression').map((e) => e.itemId!), DEPTH.ann);
    for (const hit of hits) pool.add(hit.itemId, 'learned', { learned: hit.score });
  }
  if (state.intent.vector) for (const hit of nearest(retrieval, state, state.intent.vector, cache)) pool.add(hit.itemId, 'ann', { similarity: hit.score });
  const recentItems = [...new Set(state.events.filter((e) => e.itemId !== null).map((e) => e.itemId!).reverse())].slice(0, 5);
  if (recentItems.length) for (const hit of retrieval.coVisited(recentItems, DEPTH.covisit)) pool.add(hit.itemId, 'covisit', { coVisit: hit.score });
  for (const hit of retrieval.popular(DEPTH.popular)) pool.add(hit.itemId, 'popular');
  for (const hit of retrieval.trending(DEPTH.trending)) pool.add(hit.itemId, 'trending');
  // Bought items are not recommended again (no replenishment model yet); search still finds them.
  for (const e of state.events) if (e.type === 'purchase' && e.itemId) pool.remove(e.itemId);
  return pool;
}

/** What the intent's nearest items depend on: the events (and the queries embedded so far) and the index's content. */
export function annKey(state: ShopperState, retrieval: RetrievalService): string {
  const last = state.events.at(-1);
  return `${state.events.length}|${last?.ts}|${last?.type}|${last?.itemId}|${state.intent.evidence.length}|${retrieval.index.size}`;
}

/** Where a shopper's nearest items are cached, and the key of the intent they are for (`annKey`). */
export interface AnnSlot {
  ann: AnnCache;
  shopperId: string;
  key: string;
}

function nearest(retrieval: RetrievalService, state: ShopperState, vector: Float32Array, cache: AnnSlot | undefined): ScoredItem[] {
  if (!cache) return retrieval.annCandidates(vector, DEPTH.ann);
  const { key } = cache;
  const hit = cache.ann.get(cache.shopperId, key, state.now);
  if (hit) return hit;
  const hits = retrieval.annCandidates(vector, DEPTH.ann);
  cache.ann.set(cache.shopperId, key, state.now, hits);
  return hits;
}
