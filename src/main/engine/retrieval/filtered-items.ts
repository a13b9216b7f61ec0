/** Which of a batch of item ids pass the search filters, asked of the items table in one query. */
import type { Database, Statement } from 'better-sqlite3';
import { filterClause, type SearchFilters } from './search-filters';

export class FilteredItems {
  private readonly statements = new Map<string, Statement<[Record<string, string | number>], { item_id: string }>>();

  constructor(private readonly db: Database) {}

  passing(itemIds: readonly string[], filters: SearchFilters | undefined): Set<string> {
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
