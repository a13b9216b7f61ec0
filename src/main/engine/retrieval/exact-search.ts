import { TopK } from './top-k';
import { dotRow } from './vector-math';
import type { VectorTable } from './vector-table';

/** Brute force: the true top k rows by inner product, optionally only rows that pass `accept`. */
export function exactSearch(
  table: VectorTable,
  query: Float32Array,
  k: number,
  accept?: (row: number) => boolean,
): { row: number; score: number }[] {
  const heap = new TopK(Math.min(k, table.size));
  const matrix = table.matrix;
  const dims = table.dims;
  for (let row = 0; row < table.size; row++) {
    const score = dotRow(matrix, row, dims, query);
    if (score > heap.threshold && (accept === undefined || accept(row))) heap.offer(row, score);
  }
  return heap.sorted().map((e) => ({ row: e.key, score: e.score }));
}

/**
 * The true top k among the given rows (ascending row order keeps the matrix reads sequential):
 * the exact path of a filtered search whose passing items are few.
 */
export function exactSearchRows(table: VectorTable, query: Float32Array, k: number, rows: Int32Array): { row: number; score: number }[] {
  const heap = new TopK(Math.min(k, rows.length));
  const matrix = table.matrix;
  const dims = table.dims;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const score = dotRow(matrix, row, dims, query);
    if (score > heap.threshold) heap.offer(row, score);
  }
  return heap.sorted().map((e) => ({ row: e.key, score: e.score }));
}
