/** Retrieval capability: candidate sources for recommendation and search. */
export { RetrievalService, type RetrievalLoadReport, type RetrievalLog, type RetrievalOptions } from './retrieval-service';
export { VectorIndex, DEFAULT_EXACT_BELOW, type ItemFilter, type ScoredItem, type VectorIndexOptions } from './vector-index';
export { DEFAULT_HNSW_PARAMS, type HnswParams } from './hnsw-graph';
export { IndexFileError, indexPaths } from './index-files';
export { StoreVectorSource, type ItemVectorRecord, type ItemVectorSource } from './item-vector-source';
export { CoVisitation, DEFAULT_CO_VISITATION, type CoVisitationOptions, type CoVisitedItem } from './co-visitation';
export { Popularity, DEFAULT_POPULARITY, type PopularityOptions } from './popularity';
export type { DecayedScore } from './decayed-counts';
export { LexicalSearch, BM25_WEIGHTS, type LexicalHit } from './lexical-search';
export { parseLexicalQuery, type LexicalQuery } from './lexical-query';
export { reciprocalRankFusion, RRF_K, type FusedItem } from './rank-fusion';
export type { HybridHit } from './hybrid-search';
export type { SearchFilters } from './search-filters';
export { SearchVocabulary } from './search-vocabulary';
export { SynonymStore } from './synonym-store';
export { facetCounts, PRICE_RANGES } from './search-facets';
export { encoderText, type LexicalPlan, type QueryGroup } from './query-plan';
export { EVENT_WEIGHTS, eventWeight } from './event-weights';
