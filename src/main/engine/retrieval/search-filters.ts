/** The search filters of the contract as a SQL condition on the items table. */
import type { z } from 'zod';
import type { SearchFilters as SearchFiltersSchema } from '../../../shared/contract/recommendations';
import type { FacetSelection } from '../../../shared/contract/search';
import { CATEGORY_SEPARATOR } from './category-path';

/** The contract's filters, and the facet values a shopper ticked (values of a facet OR'ed, facets AND'ed). */
export type SearchFilters = z.infer<typeof SearchFiltersSchema> & { facets?: FacetSelection };

export interface FilterClause {
  /** `1` when there is nothing to filter. */
  sql: string;
  params: Record<string, string | number>;
  /** Identifies the shape of the clause, to cache one prepared statement per shape. */
  shape: string;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `alias` is the items table's alias in the surrounding query. */
export function filterClause(filters: SearchFilters | undefined, alias = 'i'): FilterClause {
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  const shape: string[] = [];
  const category = filters?.category?.trim();
  if (category) {
    // A category matches the node and everything below it ("Beauty" matches "Beauty > Skin Care").
    parts.push(`(${alias}.category = @fCategory OR ${alias}.category LIKE @fCategoryBelow ESCAPE '\\')`);
    params.fCategory = category;
    params.fCategoryBelow = `${escapeLike(category)}${CATEGORY_SEPARATOR}%`;
    shape.push('c');
  }
  const brand = filters?.brand?.trim();
  if (brand) {
    parts.push(`${alias}.brand = @fBrand COLLATE NOCASE`);
    params.fBrand = brand;
    shape.push('b');
  }
  if (filters?.priceMin !== undefined) {
    parts.push(`${alias}.price >= @fPriceMin`);
    params.fPriceMin = filters.priceMin;
    shape.push('p');
  }
  if (filters?.priceMax !== undefined) {
    parts.push(`${alias}.price <= @fPriceMax`);
    params.fPriceMax = filters.priceMax;
    shape.push('q');
  }
  if (filters?.inStockOnly) {
    parts.push(`${alias}.in_stock = 1`);
    shape.push('s');
  }
  if (filters?.facets) facetClause(filters.facets, alias, parts, params, shape);
  return { sql: parts.length ? parts.join(' AND ') : '1', params, shape: shape.join('') };
}

function facetClause(f: FacetSelection, alias: string, parts: string[], params: Record<string, string | number>, shape: string[]): void {
  if (f.brands?.length) {
    parts.push(`${alias}.brand COLLATE NOCASE IN (SELECT value FROM json_each(@fBrands))`);
    params.fBrands = JSON.stringify(f.brands);
    shape.push('B');
  }
  if (f.categories?.length) {
    const any = f.categories.map((c, i) => {
      params[`fCat${i}`] = c;
      params[`fCatBelow${i}`] = `${escapeLike(c)}${CATEGORY_SEPARATOR}%`;
      return `${alias}.category = @fCat${i} OR ${alias}.category LIKE @fCatBelow${i} ESCAPE '\\'`;
    });
    parts.push(`(${any.join(' OR ')})`);
    shape.push(`C${f.categories.length}`);
  }
  if (f.priceRanges?.length) {
    const any = f.priceRanges.map((r, i) => {
      params[`fPrMin${i}`] = r.min;
      if (r.max === null) return `${alias}.price >= @fPrMin${i}`;
      params[`fPrMax${i}`] = r.max;
      return `(${alias}.price >= @fPrMin${i} AND ${alias}.price < @fPrMax${i})`;
    });
    parts.push(`(${any.join(' OR ')})`);
    shape.push(`P${f.priceRanges.map((r) => (r.max === null ? 'o' : 'c')).join('')}`);
  }
  const attributes = f.attributes ?? [];
  attributes.forEach(({ name, values }, i) => {
    // The value as the facets show it: flags as 'true' / 'false', numbers and strings as text.
    const path = `@fAttrPath${i}`;
    parts.push(`(CASE json_type(${alias}.attributes, ${path}) WHEN 'true' THEN 'true' WHEN 'false' THEN 'false'
      ELSE CAST(json_extract(${alias}.attributes, ${path}) AS TEXT) END) IN (SELECT value FROM json_each(@fAttr${i}))`);
    // The contract refuses names with `"` or `\\`, which a JSON path label cannot hold.
    params[`fAttrPath${i}`] = `$."${name}"`;
    params[`fAttr${i}`] = JSON.stringify(values);
  });
  if (attributes.length) shape.push(`A${attributes.length}`);
}

export function hasFilters(filters: SearchFilters | undefined): boolean {
  return filterClause(filters).shape !== '';
}
