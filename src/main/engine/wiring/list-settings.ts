/**
 * HNSW search breadth. Session intents mix several items' vectors, which are harder queries than
 * single items: efSearch 400 measured recall@100 0.985 on 100k items (200 gave 0.963; BENCHMARKS.md).
 */
export const INTENT_EF_SEARCH = 400;

/** Recommendation lists: MMR by category (lambda 0.85) and at most 5 items of one leaf category. */
export const RECOMMENDATION_DIVERSITY = { mmrLambda: 0.85, maxPerCategory: 5 } as const;
