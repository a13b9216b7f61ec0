/**
 * Search beyond the ranked list: facet selections and sort on the request, facet counts, the
 * query's rewriting (typo corrections, synonyms) and product-card fields on the reply, type-ahead,
 * and the synonym sets merchandisers manage. Additive: a plain `search` call and reply are unchanged.
 */
import { z } from 'zod';
import { MAX_QUERY_CHARS, RankedList, SearchRequest } from './recommendations';

const Phrase = z.string().trim().min(1).max(100);

export const PriceRange = z
  .object({ min: z.number().min(0), max: z.number().min(0).nullable() })
  .strict()
  .refine((r) => r.max === null || r.max > r.min, { path: ['max'], message: 'must be above min' });
export type PriceRange = z.infer<typeof PriceRange>;

/** Facet selections: values of one facet are OR'ed, facets are AND'ed (and with `filters`). */
export const FacetSelection = z
  .object({
    brands: z.array(z.string().min(1).max(200)).max(50).optional(),
    /** Category nodes (a node covers everything below it). */
    categories: z.array(z.string().min(1).max(500)).max(50).optional(),
    priceRanges: z.array(PriceRange).max(10).optional(),
    /** Per attribute, the accepted values as the facets show them (`true`/`false` for flags). */
    attributes: z
      .array(z.object({ name: z.string().min(1).max(100).regex(/^[^"\\]+$/, 'an attribute name without " or \\'), values: z.array(z.string().max(1000)).min(1).max(50) }).strict())
      .max(10)
      .optional(),
  })
  .strict();
export type FacetSelection = z.infer<typeof FacetSelection>;

export const SEARCH_SORTS = ['relevance', 'priceAsc', 'priceDesc', 'newest'] as const;
export const SearchSort = z.enum(SEARCH_SORTS);
export type SearchSort = z.infer<typeof SearchSort>;

/**
 * An item's place in a sorted search, smaller first: its price (ascending or descending) or its
 * catalogue time (newest first); an item without one sorts last. Ties are the caller's to break.
 */
export function searchSortKey(order: Exclude<SearchSort, 'relevance'>, price: number | undefined, updatedAt: number | undefined): number {
  const value = order === 'newest' ? updatedAt : price;
  if (value === undefined || Number.isNaN(value)) return Number.POSITIVE_INFINITY;
  return order === 'priceAsc' ? value : -value;
}

export const SearchQuery = SearchRequest.extend({
  facets: FacetSelection.optional(),
  sort: SearchSort.default('relevance'),
  /** false: words are searched as typed, no typo corrections (synonyms still apply); default on. */
  typoTolerance: z.boolean().optional(),
}).strict();
export type SearchQuery = z.infer<typeof SearchQuery>;

export const FacetCount = z.object({ value: z.string(), count: z.number().int() });
export type FacetCount = z.infer<typeof FacetCount>;

/**
 * Facet counts over the items the query matches by keyword. A facet with ticked values counts as if
 * none of its own values were ticked (disjunctive: its other values keep their counts).
 */
export const SearchFacets = z.object({
  /** Items the query matches by keyword (corrections and synonyms included) under the filters and the whole selection; facets count them. */
  matched: z.number().int(),
  /** More items matched than were counted. */
  truncated: z.boolean(),
  brands: z.array(FacetCount),
  /** One list per level of the category path: level 0 "Sports", level 1 "Sports > Running" ... */
  categories: z.array(z.object({ level: z.number().int(), values: z.array(FacetCount) })),
  priceRanges: z.array(z.object({ min: z.number(), max: z.number().nullable(), count: z.number().int() })),
  inStock: z.object({ inStock: z.number().int(), outOfStock: z.number().int() }),
  attributes: z.array(z.object({ name: z.string(), values: z.array(FacetCount) })),
});
export type SearchFacets = z.infer<typeof SearchFacets>;

export const QueryRewrite = z.object({
  corrections: z.array(z.object({ typed: z.string(), corrected: z.array(z.string()) })),
  synonyms: z.array(z.object({ typed: z.string(), synonyms: z.array(z.string()) })),
  /** The text the encoder embedded (corrections applied, synonyms added). */
  encoderText: z.string(),
});
export type QueryRewrite = z.infer<typeof QueryRewrite>;

export const ProductCard = z.object({ imageUrl: z.string().nullable(), inStock: z.boolean(), updatedAt: z.number() });

export const SearchResult = RankedList.extend({
  sort: SearchSort.optional(),
  facets: SearchFacets.optional(),
  rewrite: QueryRewrite.optional(),
  /** Product-card fields by item id. */
  products: z.record(z.string(), ProductCard).optional(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SuggestRequest = z
  .object({
    query: z.string().max(MAX_QUERY_CHARS),
    k: z.number().int().min(1).max(20).default(8),
    /** Adds this shopper's own past queries (boosted, and offered even below the distinct-shopper threshold). */
    shopperId: z.string().trim().min(1).max(128).optional(),
  })
  .strict();
export const SUGGESTION_KINDS = ['query', 'term'] as const;
export const Suggestion = z.object({
  text: z.string(),
  /** `query`: a past search whose results were clicked; `term`: the last word completed from the catalogue's words. */
  kind: z.enum(SUGGESTION_KINDS),
  /** Clicks on a past query's results (0 for a term completion). */
  clicks: z.number().int().min(0),
  /** Catalogue items holding the completed word (term completions only). */
  items: z.number().int().optional(),
});
export type Suggestion = z.infer<typeof Suggestion>;
export const SuggestResult = z.object({ suggestions: z.array(Suggestion) });

export const SynonymSetInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('two-way'), terms: z.array(Phrase).min(2).max(20) }).strict(),
  z.object({ kind: z.literal('one-way'), from: Phrase, terms: z.array(Phrase).min(1).max(20) }).strict(),
]);
export type SynonymSetInput = z.infer<typeof SynonymSetInput>;

export const StoredSynonymSet = z.object({
  synonymId: z.string(),
  kind: z.enum(['two-way', 'one-way']),
  from: z.string().nullable(),
  terms: z.array(z.string()),
  updatedAt: z.number(),
});
export type StoredSynonymSet = z.infer<typeof StoredSynonymSet>;

const Empty = z.object({}).strict().default({});

export const searchMethods = {
  'search.suggest': { input: SuggestRequest, output: SuggestResult },
  'synonyms.list': { input: Empty, output: z.array(StoredSynonymSet) },
  /** Creates a set, or replaces the set `synonymId` names. Audited. */
  'synonyms.set': { input: z.object({ synonymId: z.string().min(1).max(64).optional(), set: SynonymSetInput }).strict(), output: StoredSynonymSet },
  'synonyms.delete': { input: z.object({ synonymId: z.string().min(1).max(64) }).strict(), output: StoredSynonymSet },
} as const;
