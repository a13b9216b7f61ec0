/** The search filters of the contract as a SQL condition on the items table. */
import type { z } from 'zod';
import type { SearchFilters as SearchFiltersSchema } from '../../../shared/contract/recommendations';
import { CATEGORY_SEPARATOR } from './category-path';

export type SearchFilters = z.infer<typeof SearchFiltersSchema>;

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
  return { sql: parts.length ? parts.join(' AND ') : '1', params, shape: shape.join('') };
}

export function hasFilters(filters: SearchFilters | undefined): boolean {
  return filterClause(filters).shape !== '';
}
