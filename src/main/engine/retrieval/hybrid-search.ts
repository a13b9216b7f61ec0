/**
 * Search as the shopper sees it: keyword hits (BM25) and meaning hits (query embedding -> ANN)
 * fused by reciprocal rank, each result keeping its rank and score in both lists.
 */
import type { FilteredItems } from './filtered-items';
import type { LexicalHit, LexicalSearch } from './lexical-search';
import type { LexicalPlan } from './query-plan';
import { reciprocalRankFusion, RRF_K } from './rank-fusion';
import type { SearchFilters } from './search-filters';
import { semanticSearch } from './semantic-search';
import type { VectorIndex } from './vector-index';

export interface HybridHit {
  itemId: string;
  /** Reciprocal-rank-fusion score: sum of 1 / (60 + rank). */
  score: number;
  lexicalRank: number | null;
  semanticRank: number | null;
  /** -bm25 (higher is better), null when not a keyword hit. */
  lexicalScore: number | null;
  /** Cosine to the query, null when not a semantic hit. */
  semanticScore: number | null;
}

/**
 * The keyword half of `hybridSearch` for these arguments: searched on its own, it can run before the
 * query vector exists (while the query is embedded) and be handed in as `keywordHits`. With no
 * vector, items with only some of the words fill up the list.
 */
export function keywordHalf(lexical: LexicalSearch, query: string, withVector: boolean, k: number, filters?: SearchFilters, plan?: LexicalPlan): LexicalHit[] {
  return k <= 0 ? [] : lexical.search(query, fusionDepth(k), filters, !withVector, plan);
}

/** How deep each list is read before fusing: at least 50, twice k, at most 400. */
export function fusionDepth(k: number): number {
  return Math.min(400, Math.max(50, 2 * k));
}

export function hybridSearch(
  parts: { lexical: LexicalSearch; index: VectorIndex; items: FilteredItems },
  query: string,
  queryVector: Float32Array | undefined,
  k: number,
  filters?: SearchFilters,
  plan?: LexicalPlan,
  keywordHits?: readonly LexicalHit[],
): HybridHit[] {
  if (k <= 0) return [];
  const lexical = queryVector !== undefined && keywordHits !== undefined ? keywordHits : keywordHalf(parts.lexical, query, queryVector !== undefined, k, filters, plan);
  const semantic = queryVector ? semanticSearch(parts.index, parts.items, queryVector, fusionDepth(k), filters) : [];
  const lexicalScore = new Map(lexical.map((h) => [h.itemId, h.score]));
  const semanticScore = new Map(semantic.map((h) => [h.itemId, h.score]));
  return reciprocalRankFusion(
    lexical.map((h) => h.itemId),
    semantic.map((h) => h.itemId),
    RRF_K,
  )
    .slice(0, k)
    .map((f) => ({ ...f, lexicalScore: lexicalScore.get(f.itemId) ?? null, semanticScore: semanticScore.get(f.itemId) ?? null }));
}
