/**
 * Which of a batch of item ids pass the search filters. With the engine's item cache the filters
 * are evaluated in memory (item-filter.ts, the SQL semantics exactly); without one, asked of the
 * items table in one query.
 */
import type { Database, Statement } from 'better-sqlite3';
import { FilteredRows, type PassingRows } from './filtered-rows';
import { ItemFilters, type ItemLookup } from './item-filter';
import { filterClause, type SearchFilters } from './search-filters';
import type { VectorIndex } from './vector-index';

export class FilteredItems {
  private readonly statements = new Map<string, Statement<[Record<string, string | number>], { item_id: string }>>();
  private readonly compiled: ItemFilters | undefined;
  private readonly rows: FilteredRows | undefined;

  constructor(
    private readonly db: Database,
    private readonly items?: ItemLookup,
  ) {
    if (items !== undefined) this.compiled = new ItemFilters(db);
    const values = items?.values?.bind(items);
    if (values !== undefined) {
      const lookup = items!;
      this.rows = new FilteredRows({
        values,
        get: (itemId) => lookup.get(itemId),
        get version() {
          return lookup.version;
        },
        ...(lookup.changedSince ? { changedSince: (version: number) => lookup.changedSince!(version) } : {}),
      });
    }
  }

  /**
   * The vector-index rows of every item that passes (filtered-rows.ts; kept per filter until the
   * catalogue or the index changes), listed in full while at most `listUpTo` pass. Undefined where
   * `check` is, or when the cache cannot list its items.
   */
  passingRows(index: VectorIndex, filters: SearchFilters | undefined, listUpTo: number): PassingRows | undefined {
    const predicate = this.rows === undefined ? undefined : this.compiled?.compile(filters);
    if (predicate === undefined || predicate === null) return undefined;
    return this.rows!.get(index, JSON.stringify(filters), predicate, listUpTo);
  }

  /**
   * A check of one id against the filters, when the item cache can answer it (an id the cache does
   * not hold fails, as it has no row); undefined without a cache, without filters, or for filters
   * left to SQL (item-filter.ts).
   */
  check(filters: SearchFilters | undefined): ((itemId: string) => boolean) | undefined {
    const items = this.items;
    const predicate = this.compiled?.compile(filters);
    if (items === undefined || predicate === undefined || predicate === null) return undefined;
    return (itemId) => {
      const item = items.get(itemId);
      return item !== undefined && predicate(item);
    };
  }

  passing(itemIds: readonly string[], filters: SearchFilters | undefined): Set<string> {
    const check = this.check(filters);
    if (check === undefined) return this.passingInSql(itemIds, filters);
    const out = new Set<string>();
    for (const id of itemIds) if (check(id)) out.add(id);
    return out;
  }

  /** The SQL path (no item cache): the reference the in-memory check is tested against. */
  passingInSql(itemIds: readonly string[], filters: SearchFilters | undefined): Set<string> {
    const filter = filterClause(filters);
    if (filter.shape === '' || itemIds.length === 0) return new Set(itemIds);
    let s = this.statements.get(filter.shape);
    if (s === undefined) {
      // The ids drive the loop (CROSS JOIN keeps that order of the loops): one primary-key probe each,
      // where `item_id IN (SELECT …)` first built and searched a temporary index of them (~2.7x slower).
      s = this.db.prepare(`SELECT i.item_id FROM json_each(@ids) j CROSS JOIN items i ON i.item_id = j.value WHERE ${filter.sql}`);
      this.statements.set(filter.shape, s);
    }
    return new Set(s.all({ ...filter.params, ids: JSON.stringify(itemIds) }).map((r) => r.item_id));
  }
}
