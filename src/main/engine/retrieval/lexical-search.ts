/**
 * Keyword search over the catalogue: FTS5 (migration 004) ranked by BM25 with column weights
 * title > brand > category > attributes, with the contract's filters applied in the same query.
 */
import type { Database, Statement } from 'better-sqlite3';
import { filterClause, type SearchFilters } from './search-filters';
import { parseLexicalQuery } from './lexical-query';
import { hasCorrections, planMatch, type LexicalPlan } from './query-plan';

/** A hit found only through a typo correction scores this share of its BM25 and ranks after every exact hit. */
export const CORRECTED_WEIGHT = 0.5;
/** The most matched items counted for facets. */
export const MAX_MATCHED = 20_000;

/** bm25() weights for the columns title, brand, category, attributes. */
export const BM25_WEIGHTS = [10, 5, 2, 1] as const;

export interface LexicalHit {
  itemId: string;
  /** -bm25: higher is better. */
  score: number;
  /** 1-based. */
  rank: number;
  /** Found only through a typo correction. */
  corrected?: boolean;
}

interface Row {
  item_id: string;
  bm25: number;
}

export class LexicalSearch {
  private readonly statements = new Map<string, Statement<[Record<string, string | number>], Row>>();
  private readonly matchedStatements = new Map<string, Statement<[Record<string, string | number>], string>>();

  constructor(private readonly db: Database) {}

  /** Never throws on user text: an empty or unusable query gives no hits. */
  /**
   * `anyWordFallback`: when too few items have every word, fill up with items that have some. It
   * scores every item with any of the words, so hybrid search, whose semantic half fills the list
   * anyway, turns it off.
   */
  search(query: string, k: number, filters?: SearchFilters, anyWordFallback = true, plan?: LexicalPlan): LexicalHit[] {
    if (plan !== undefined) return this.searchPlan(plan, k, filters, anyWordFallback);
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

  /**
   * A rewritten query (synonyms, corrections): items with every word as typed (or a synonym)
   * first, then items that need a correction, then (fallback) items with any word.
   */
  searchPlan(plan: LexicalPlan, k: number, filters?: SearchFilters, anyWordFallback = true): LexicalHit[] {
    const exact = planMatch(plan, { corrections: false });
    if (exact === undefined || k <= 0) return [];
    const filter = filterClause(filters);
    const statement = this.statement(filter.shape, filter.sql);
    const hits: LexicalHit[] = [];
    const seen = new Set<string>();
    const take = (match: string, weight: number, corrected: boolean): void => {
      if (hits.length >= k) return;
      for (const r of this.run(statement, { ...filter.params, match, k })) {
        if (hits.length >= k) break;
        if (seen.has(r.item_id)) continue;
        seen.add(r.item_id);
        hits.push({ itemId: r.item_id, score: -r.bm25 * weight, rank: hits.length + 1, ...(corrected ? { corrected } : {}) });
      }
    };
    take(exact, 1, false);
    if (hasCorrections(plan)) take(planMatch(plan, { corrections: true })!, CORRECTED_WEIGHT, true);
    if (anyWordFallback && plan.groups.length > 1) take(planMatch(plan, { corrections: true, any: true })!, CORRECTED_WEIGHT, hasCorrections(plan));
    return hits;
  }

  /** Every item the plan matches (corrections included) under the filters, at most `limit`: the set facets count. */
  matchedItems(plan: LexicalPlan, filters?: SearchFilters, limit = MAX_MATCHED): string[] {
    const match = planMatch(plan, { corrections: true });
    if (match === undefined) return [];
    const filter = filterClause(filters);
    let statement = this.matchedStatements.get(filter.shape);
    if (statement === undefined) {
      statement = this.db
        .prepare<[Record<string, string | number>], string>(`SELECT d.item_id FROM item_search JOIN item_search_docs d ON d.doc_id = item_search.rowid
          ${filter.shape === '' ? '' : 'JOIN items i ON i.item_id = d.item_id'}
          WHERE item_search MATCH @match AND ${filter.sql} LIMIT @limit`)
        .pluck();
      this.matchedStatements.set(filter.shape, statement);
    }
    try {
      return statement.all({ ...filter.params, match, limit });
    } catch {
      return [];
    }
  }

  private run(statement: Statement<[Record<string, string | number>], Row>, params: Record<string, string | number>): Row[] {
    try {
      return statement.all(params);
    } catch {
      // A MATCH expression FTS5 refuses (it should not happen: every word is quoted) gives no hits, never an error.
      return [];
    }
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
