/**
 * Item vectors as one growable row-major Float32 matrix with an item id <-> row map. A row is
 * an item's stable label: the ANN graph and the exact path both speak rows, and a changed item
 * keeps its row (its vector is overwritten in place).
 */
export class VectorTable {
  private data: Float32Array;
  private readonly rowOf = new Map<string, number>();
  private readonly ids: string[] = [];

  constructor(
    readonly dims: number,
    initialCapacity = 1024,
  ) {
    this.data = new Float32Array(Math.max(1, initialCapacity) * dims);
  }

  get size(): number {
    return this.ids.length;
  }

  get capacity(): number {
    return this.data.length / this.dims;
  }

  /** The backing matrix; rows [0, size) are live. Valid until the next `upsert` grows it. */
  get matrix(): Float32Array {
    return this.data;
  }

  row(itemId: string): number | undefined {
    return this.rowOf.get(itemId);
  }

  itemId(row: number): string {
    const id = this.ids[row];
    if (id === undefined) throw new RangeError(`no item at row ${row}`);
    return id;
  }

  /** Every item id, by row. */
  itemIds(): readonly string[] {
    return this.ids;
  }

  vector(row: number): Float32Array {
    return this.data.subarray(row * this.dims, (row + 1) * this.dims);
  }

  /** Stores the vector; returns its row and whether the item is new. */
  upsert(itemId: string, vector: Float32Array): { row: number; added: boolean } {
    if (vector.length !== this.dims) throw new RangeError(`item ${itemId}: vector has ${vector.length} dimensions, the index ${this.dims}`);
    let row = this.rowOf.get(itemId);
    const added = row === undefined;
    if (row === undefined) {
      row = this.ids.length;
      if (row >= this.capacity) this.grow(Math.max(row + 1, this.capacity * 2));
      this.ids.push(itemId);
      this.rowOf.set(itemId, row);
    }
    this.data.set(vector, row * this.dims);
    return { row, added };
  }

  /** Replaces the whole table with saved rows (no copy of `matrix` when it is exactly sized). */
  static fromRows(dims: number, itemIds: readonly string[], matrix: Float32Array): VectorTable {
    if (matrix.length !== itemIds.length * dims) throw new RangeError(`matrix has ${matrix.length / dims} rows, id map ${itemIds.length}`);
    const table = new VectorTable(dims, 1);
    table.data = matrix;
    itemIds.forEach((id, row) => {
      if (table.rowOf.has(id)) throw new RangeError(`item ${id} appears twice in the id map`);
      table.ids.push(id);
      table.rowOf.set(id, row);
    });
    return table;
  }

  private grow(rows: number): void {
    const next = new Float32Array(rows * this.dims);
    next.set(this.data.subarray(0, this.ids.length * this.dims));
    this.data = next;
  }
}
