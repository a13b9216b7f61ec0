/** Compressed sparse rows: row r holds cols[offsets[r]..offsets[r+1]) with matching vals. */
export interface SparseRows {
  offsets: Int32Array;
  cols: Int32Array;
  vals: Float32Array;
}

/**
 * Accumulates one sparse row at a time into a dense scratch vector with a touched list, so
 * building an item-item matrix costs time proportional to its non-zeros, not items squared.
 */
export class RowAccumulator {
  readonly values: Float64Array;
  private readonly touched: Int32Array;
  private size = 0;

  constructor(width: number) {
    this.values = new Float64Array(width);
    this.touched = new Int32Array(width);
  }

  add(col: number, value: number): void {
    if (this.values[col] === 0) this.touched[this.size++] = col;
    this.values[col] = (this.values[col] as number) + value;
  }

  /** Rewrites every non-zero of the current row, e.g. to normalise it once all pairs are counted. */
  transform(fn: (col: number, value: number) => number): void {
    for (let i = 0; i < this.size; i += 1) {
      const c = this.touched[i] as number;
      // Never store an exact zero: add() uses zero to mean "not yet touched".
      this.values[c] = fn(c, this.values[c] as number) || Number.MIN_VALUE;
    }
  }

  /** Returns the row's non-zero columns (optionally only the `keep` largest) and clears the scratch. */
  drain(keep: number): { cols: Int32Array; vals: Float32Array } {
    let cols = Array.from(this.touched.subarray(0, this.size));
    if (cols.length > keep) cols = cols.sort((a, b) => (this.values[b] as number) - (this.values[a] as number) || a - b).slice(0, keep);
    const vals = Float32Array.from(cols, (c) => this.values[c] as number);
    for (let i = 0; i < this.size; i += 1) this.values[this.touched[i] as number] = 0;
    this.size = 0;
    return { cols: Int32Array.from(cols), vals };
  }
}

/** Builds a CSR matrix row by row; `fillRow` adds entries for one row into the accumulator. */
export function buildSparseRows(rows: number, width: number, keep: number, fillRow: (row: number, acc: RowAccumulator) => void): SparseRows {
  const acc = new RowAccumulator(width);
  const parts: { cols: Int32Array; vals: Float32Array }[] = [];
  const offsets = new Int32Array(rows + 1);
  for (let r = 0; r < rows; r += 1) {
    fillRow(r, acc);
    const part = acc.drain(keep);
    parts.push(part);
    offsets[r + 1] = (offsets[r] as number) + part.cols.length;
  }
  const cols = new Int32Array(offsets[rows] as number);
  const vals = new Float32Array(cols.length);
  parts.forEach((p, r) => {
    cols.set(p.cols, offsets[r] as number);
    vals.set(p.vals, offsets[r] as number);
  });
  return { offsets, cols, vals };
}

/** Adds weight * row r into a dense score vector. */
export function addRow(matrix: SparseRows, row: number, weight: number, out: Float32Array): void {
  const end = matrix.offsets[row + 1] as number;
  for (let p = matrix.offsets[row] as number; p < end; p += 1) {
    const c = matrix.cols[p] as number;
    out[c] = (out[c] as number) + weight * (matrix.vals[p] as number);
  }
}
