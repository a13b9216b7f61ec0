/**
 * A search reply's facets: counts over every item the query matches by keyword (corrections and
 * synonyms included, under the filters, at most `limit`), or over the returned list when nothing
 * matches by keyword (a meaning-only query). With a versioned item cache the matched set stays
 * keyword-index doc ids and is counted from `DocFacets`' typed arrays; without one (or for a filter
 * only SQL can decide) the set is read as item ids and counted through `FacetIndex`. Both give the
 * same figures (`matched-facets.test.ts`).
 *
 * The first count also starts reading every doc's facets ahead, a page of the doc -> item mapping
 * per turn of the event loop (`READ_AHEAD_PAGE` docs, ~1 µs each), so that a later search's large
 * matched set finds its docs read instead of reading thousands of items on the spot.
 */
import { searchSortKey, type SearchFacets, type SearchSort } from '../../../shared/contract';
import { disjunctiveFacets } from './disjunctive-facets';
import { FirstByKey } from './first-by-key';
import { DocFacets } from './doc-facets';
import { FacetIndex, type FacetItem } from './facet-index';
import type { FilterFields, ItemLookup } from './item-filter';
import type { LexicalSearch } from './lexical-search';
import type { LexicalPlan } from './query-plan';
import type { SearchFilters } from './search-filters';

/** Docs read ahead per turn of the event loop (~2 ms at load ~4 on the 100k bench store). */
export const READ_AHEAD_PAGE = 256;

export class MatchedFacets {
  private readonly docs: DocFacets | undefined;
  private readonly index = new FacetIndex();
  private readingAhead = false;
  /** The last matched set read, for the same search's other use of it (its counts, its sorted items). */
  private last: { key: string; version: number; docs: number[] | undefined } | undefined;

  /** `readAheadPage`: docs read ahead per turn (0: none). */
  constructor(
    private readonly lexical: Pick<LexicalSearch, 'matchedDocs' | 'matchedItems' | 'itemIdsOfDocs' | 'docPage'>,
    private readonly items: Pick<ItemLookup, 'version' | 'changedSince'> & { get(itemId: string): (FilterFields & { updatedAt?: number }) | undefined },
    private readonly readAheadPage = READ_AHEAD_PAGE,
  ) {
    const changedSince = items.changedSince?.bind(items);
    if (items.version !== undefined && changedSince !== undefined) {
      this.docs = new DocFacets({
        itemIds: (docs) => lexical.itemIdsOfDocs(docs),
        get: (itemId) => items.get(itemId),
        get version() {
          return items.version!;
        },
        changedSince,
      });
    }
  }

  /** `listIds`: the returned list's items, counted when nothing matches by keyword. */
  count(plan: LexicalPlan, filters: SearchFilters | undefined, limit: number, listIds: readonly string[]): SearchFacets {
    return this.countMatched(plan, filters, limit) ?? this.countList(listIds, limit);
  }

  /**
   * The counts over the keyword-matched set; undefined when nothing matches by keyword (then
   * `countList` counts the returned list). It needs no list, so a search counts while its query is
   * being embedded. A facet with ticked values is counted without its own selection (disjunctive,
   * `disjunctive-facets.ts`): one more count for each such facet.
   */
  countMatched(plan: LexicalPlan, filters: SearchFilters | undefined, limit: number): SearchFacets | undefined {
    const counts = this.countOnce(plan, filters, limit);
    const selection = filters?.facets;
    if (counts === undefined || selection === undefined) return counts;
    return disjunctiveFacets(counts, selection, (others) => this.countOnce(plan, { ...filters, facets: others }, limit));
  }

  private countOnce(plan: LexicalPlan, filters: SearchFilters | undefined, limit: number): SearchFacets | undefined {
    if (this.docs !== undefined) {
      if (!this.readingAhead) this.readAhead(this.docs);
      const docs = this.matchedDocs(plan, filters, limit);
      if (docs !== undefined) return this.docs.count(docs, limit) ?? undefined;
    }
    const ids = this.lexical.matchedItems(plan, filters, limit);
    return ids.length > 0 ? this.itemFacets(ids, ids.length >= limit) : undefined;
  }

  /**
   * The `n` keyword-matched items (under the filters, of the first `limit` matched) first by price
   * or catalogue time, as a sorted search shows them: items without a price last, ties by item id.
   * Undefined when nothing matches by keyword (a sorted meaning-only search orders its relevant items).
   */
  topMatched(plan: LexicalPlan, filters: SearchFilters | undefined, limit: number, order: Exclude<SearchSort, 'relevance'>, n: number): string[] | undefined {
    if (this.docs !== undefined) {
      const docs = this.matchedDocs(plan, filters, limit);
      if (docs !== undefined) {
        const top = this.docs.top(docs, order, n);
        return top.length > 0 || (n <= 0 && docs.length > 0) ? top : undefined;
      }
    }
    const ids = this.lexical.matchedItems(plan, filters, limit);
    if (ids.length === 0) return undefined;
    if (n <= 0) return [];
    const best = new FirstByKey(n);
    for (const id of ids) {
      const item = this.items.get(id);
      best.offer(searchSortKey(order, item?.price, item?.updatedAt), id);
    }
    return best.first;
  }

  /**
   * The keyword index's matched docs, read once for a search that both counts and sorts them: kept
   * for the same plan, filters and limit until the catalogue changes (the item cache's version moves
   * with every write, the keyword index's included).
   */
  private matchedDocs(plan: LexicalPlan, filters: SearchFilters | undefined, limit: number): number[] | undefined {
    const version = this.items.version ?? -1;
    const key = JSON.stringify([plan, filters ?? null, limit]);
    if (this.last !== undefined && this.last.key === key && this.last.version === version) return this.last.docs;
    const docs = this.lexical.matchedDocs(plan, filters, limit);
    this.last = { key, version, docs };
    return docs;
  }

  /** A returned list's items counted: the facets of a query nothing matches by keyword. */
  countList(listIds: readonly string[], limit: number): SearchFacets {
    return this.itemFacets(listIds, 0 >= limit);
  }

  /** Every doc's facets read, a page per turn of the event loop; stops quietly if the store closed meanwhile. */
  private readAhead(docs: DocFacets): void {
    this.readingAhead = true;
    if (this.readAheadPage <= 0) return;
    let after = 0;
    const step = (): void => {
      let page: { doc: number; itemId: string }[];
      try {
        page = this.lexical.docPage(after, this.readAheadPage);
      } catch {
        return; // the connection closed: counts read their docs as they meet them
      }
      docs.readAhead(
        page.map((r) => r.doc),
        page.map((r) => r.itemId),
      );
      if (page.length === this.readAheadPage) {
        after = page[page.length - 1]!.doc;
        setImmediate(step).unref();
      }
    };
    setImmediate(step).unref();
  }

  private itemFacets(ids: readonly string[], truncated: boolean): SearchFacets {
    const found: FacetItem[] = [];
    for (const id of ids) {
      const item = this.items.get(id);
      if (item) found.push(item);
    }
    return this.index.count(found, truncated);
  }
}
