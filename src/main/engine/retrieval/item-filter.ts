/**
 * The search filters evaluated in memory on the engine's item cache, with the semantics of the SQL
 * clause (search-filters.ts) exactly, so that a filtered search reads no `items` row per match:
 *
 * - `=` on text compares bytes; `COLLATE NOCASE` and `LIKE` fold ASCII letters only (SQLite's
 *   defaults); `LIKE` reads its pattern and text up to a NUL character.
 * - A lone surrogate reaches SQLite as its own three bytes (not valid UTF-8) and is read back as
 *   three U+FFFD: the cache cannot tell such a stored text from one with U+FFFD. Filters holding a
 *   lone surrogate or U+FFFD are therefore left to SQL (`compile` gives null); for any other filter
 *   text the outcome is the same either way (neither form can equal or prefix it).
 * - An attribute compares as SQLite renders it: flags `true`/`false`, strings as they are, numbers
 *   as `CAST(json_extract(..) AS TEXT)` gives them. Integers up to 2^53 are plain digits; any other
 *   number is rendered once by SQLite itself (its 17-digit form is not JavaScript's) and remembered.
 * - A missing column (NULL) passes no condition on it.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { StoredItem } from '../../../shared/contract';
import { CATEGORY_SEPARATOR } from './category-path';
import { filterClause, type SearchFilters } from './search-filters';

/** The item fields the filters read. */
export type FilterFields = Pick<StoredItem, 'brand' | 'category' | 'price' | 'inStock' | 'attributes'>;

/** Every catalogue item by id, exact at the time of a search (the engine's ItemCache). */
export interface ItemLookup {
  get(itemId: string): FilterFields | undefined;
  /** Every item; with `version`, a filter's passing items can be listed once and reused until the catalogue changes. */
  values?(): Iterable<FilterFields & { itemId: string }>;
  /** Changes on every catalogue write. */
  readonly version?: number;
  /** The ids written after `version`, or undefined when no longer known (ItemCache's change log). */
  changedSince?(version: number): readonly string[] | undefined;
}

export type ItemPredicate = (item: FilterFields) => boolean;

/** What `compile` gives: a predicate, undefined (nothing to filter) or null (evaluate in SQL). */
export type CompiledFilter = ItemPredicate | undefined | null;

/** Numbers rendered by SQLite kept at most (distinct non-integer attribute values seen by filters). */
const MAX_NUMBER_TEXTS = 50_000;

const NOT_ROUND_TRIPPED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/;

/** Every text of the filters: none may hold a lone surrogate or U+FFFD for the in-memory check. */
function textsRoundTrip(filters: SearchFilters): boolean {
  const f = filters.facets;
  const texts = [filters.category ?? '', filters.brand ?? '', ...(f?.brands ?? []), ...(f?.categories ?? [])];
  for (const a of f?.attributes ?? []) texts.push(a.name, ...a.values);
  return !texts.some((t) => NOT_ROUND_TRIPPED.test(t));
}

/** ASCII-only lower case of one UTF-16 code unit (SQLite's NOCASE and LIKE folding). */
function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** ASCII letters lower-cased, every other character as it is (SQLite's NOCASE). */
export function asciiLower(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(fold(text.charCodeAt(i)));
  return out;
}

/** `a = b COLLATE NOCASE`; `bLower` already folded. */
function equalsNoCase(a: string, bLower: string): boolean {
  if (a.length !== bLower.length) return false;
  for (let i = 0; i < a.length; i++) if (fold(a.charCodeAt(i)) !== bLower.charCodeAt(i)) return false;
  return true;
}

/** A category condition: `category = node OR category LIKE '<node> > %'`. */
interface CategoryNode {
  node: string;
  /** The LIKE pattern's literal part, folded; when the node holds a NUL the pattern ends there (no `%`). */
  likeLower: string;
  likeWhole: boolean;
}

function categoryNode(node: string): CategoryNode {
  const pattern = `${node}${CATEGORY_SEPARATOR}`;
  const nul = pattern.indexOf('\0');
  return nul < 0 ? { node, likeLower: asciiLower(pattern), likeWhole: false } : { node, likeLower: asciiLower(pattern.slice(0, nul)), likeWhole: true };
}

function matchesCategory(category: string, c: CategoryNode): boolean {
  if (category === c.node) return true;
  // LIKE: ASCII case folded, the text read up to a NUL.
  const nul = category.indexOf('\0');
  const end = nul < 0 ? category.length : nul;
  const n = c.likeLower.length;
  if (c.likeWhole ? end !== n : end < n) return false;
  for (let i = 0; i < n; i++) if (fold(category.charCodeAt(i)) !== c.likeLower.charCodeAt(i)) return false;
  return true;
}

interface AttributeCondition {
  name: string;
  values: ReadonlySet<string>;
}

/** Compiles the contract's filters into predicates over cached items; one per instance of the SQL dialect's number rendering. */
export class ItemFilters {
  private readonly numberTexts = new Map<number, string>();
  private numberStatement: Statement<[string], string> | undefined;

  constructor(private readonly db: Database) {}

  /** undefined when there is nothing to filter (every item passes); null when the filters must be evaluated in SQL. */
  compile(filters: SearchFilters | undefined): CompiledFilter {
    if (filters === undefined) return undefined;
    if (!textsRoundTrip(filters)) return filterClause(filters).shape === '' ? undefined : null;
    const checks: ItemPredicate[] = [];
    const category = filters.category?.trim();
    if (category) {
      const c = categoryNode(category);
      checks.push((item) => item.category !== undefined && matchesCategory(item.category, c));
    }
    const brand = filters.brand?.trim();
    if (brand) {
      const lower = asciiLower(brand);
      checks.push((item) => item.brand !== undefined && equalsNoCase(item.brand, lower));
    }
    const { priceMin, priceMax } = filters;
    if (priceMin !== undefined) checks.push((item) => item.price !== undefined && item.price >= priceMin);
    if (priceMax !== undefined) checks.push((item) => item.price !== undefined && item.price <= priceMax);
    if (filters.inStockOnly) checks.push((item) => item.inStock);
    const f = filters.facets;
    if (f?.brands?.length) {
      const lower = f.brands.map(asciiLower);
      checks.push((item) => {
        const b = item.brand;
        if (b === undefined) return false;
        for (const l of lower) if (equalsNoCase(b, l)) return true;
        return false;
      });
    }
    if (f?.categories?.length) {
      const nodes = f.categories.map(categoryNode);
      checks.push((item) => {
        const c = item.category;
        if (c === undefined) return false;
        for (const n of nodes) if (matchesCategory(c, n)) return true;
        return false;
      });
    }
    if (f?.priceRanges?.length) {
      const ranges = f.priceRanges;
      checks.push((item) => {
        const p = item.price;
        if (p === undefined) return false;
        for (const r of ranges) if (p >= r.min && (r.max === null || p < r.max)) return true;
        return false;
      });
    }
    for (const { name, values } of f?.attributes ?? []) {
      const condition: AttributeCondition = { name, values: new Set(values) };
      checks.push((item) => this.attributePasses(item.attributes, condition));
    }
    if (checks.length === 0) return undefined;
    if (checks.length === 1) return checks[0];
    return (item) => {
      for (const check of checks) if (!check(item)) return false;
      return true;
    };
  }

  private attributePasses(attributes: FilterFields['attributes'], c: AttributeCondition): boolean {
    if (attributes === undefined || !Object.hasOwn(attributes, c.name)) return false;
    const value = attributes[c.name];
    if (typeof value === 'string') return c.values.has(value);
    if (typeof value === 'boolean') return c.values.has(value ? 'true' : 'false');
    if (typeof value === 'number') return c.values.has(this.numberText(value));
    return false; // null (json_extract gives NULL) or anything the contract refuses
  }

  /** `CAST(json_extract(attributes, path) AS TEXT)` of a number stored as `JSON.stringify` writes it. */
  numberText(n: number): string {
    if (Number.isSafeInteger(n) || Object.is(n, -0)) return String(n);
    let text = this.numberTexts.get(n);
    if (text === undefined) {
      this.numberStatement ??= this.db.prepare<[string], string>(`SELECT CAST(json_extract(?, '$[0]') AS TEXT)`).pluck();
      text = this.numberStatement.get(`[${JSON.stringify(n)}]`) ?? 'null';
      if (this.numberTexts.size >= MAX_NUMBER_TEXTS) this.numberTexts.clear();
      this.numberTexts.set(n, text);
    }
    return text;
  }
}
