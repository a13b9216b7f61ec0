/**
 * Keyword search over the catalogue: FTS5 (migration 004) ranked by BM25 with column weights
 * title > brand > category > attributes, with the contract's filters applied in the same query.
 */
import type { Database, Statement } from 'better-sqlite3';
import { filterClause, type SearchFilters } from './search-filters';
import { parseLexicalQuery } from './lexical-query';

/** bm25() weights for the columns title, brand, category, attributes. */
export const BM25_WEIGHTS = [10, 5, 2, 1] as const;

export interface LexicalHit {
  itemId: string;
  /** -bm25: higher is better. */
  score: number;
  /** 1-based. */
  rank: number;
}

interface Row {
  item_id: string;
  bm25: number;
}

export class LexicalSearch {
  private readonly statements = new Map<string, Statement<[Record<string, string | number>], Row>>();

  constructor(private readonly db: Database) {}

  /** Never throws on user text: an empty or unusable query gives no hits. */
  /**
   * `anyWordFallback`: when too few items have every word, fill up with items that have some. It
   * scores every item with any of the words, so hybrid search, whose semantic half fills the list
   * anyway, turns it off.
   */
  search(query: string, k: number, filters?: SearchFilters, anyWordFallback = true): LexicalHit[] {
    const parsed = parseLexicalQuery(query);
    if (parsed === undefined || k <= 0) return [];
    const filter = filterClause(filters);
    const statement = this.statement(filter.shape, filter.sql);
    const rows = statement.all({ ...filter.params, match: parsed.matchAll, k });
    if (anyWordFallback && rows.length < k && parsed.words.length > 1) {
      // Too few items have every word: fill up with items that have some, ranked after.
      const seen = new Set(rows.map((r) => r.item_id));
      for (const r of statement.all({ ...filter.params, match: parsed.matchAny, k })) {
        if (rows.length >= k) break;
        if (!seen.has(r.item_id)) rows.push(r);
      }
    }
    return rows.map((r, i) => ({ itemId: r.item_id, score: -r.bm25, rank: i + 1 }));
  }

  private statement(shape: string, where: string): Statement<[Record<string, string | number>], Row> {
    let s = this.statements.get(shape);
    if (s === undefined) {
      s = this.db.prepare(`SELECT d.item_id, bm25(item_search, ${BM25_WEIGHTS.join(', ')}) AS bm25
        FROM item_search
        JOIN item_search_docs d ON d.doc_id = item_search.rowid
        ${shape === '' ? '' : 'JOIN items i ON i.item_id = d.item_id'}
        WHERE item_search MATCH @match AND ${where}
        ORDER BY bm25 LIMIT @k`);
      this.statements.set(shape, s);
    }
    return s;
  }
}
