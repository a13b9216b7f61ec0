/**
 * The approximate nearest-neighbour graph (HNSW via hnswlib-node) over VectorTable rows, inner
 * product on unit vectors. Labels are table rows. Updating a row re-links it in place
 * (hnswlib's updatePoint), so a changed item's old vector can never be returned.
 */
import { HierarchicalNSW } from 'hnswlib-node';

export interface HnswParams {
  /** Links per node: higher is better recall, more memory and slower inserts. */
  m: number;
  /** Candidate list size while inserting. */
  efConstruction: number;
  /** Candidate list size while searching (raised to k when k is larger). */
  efSearch: number;
  randomSeed: number;
}

/**
 * Chosen with bench/retrieval.ts on 100k MiniLM item vectors (docs/RETRIEVAL.md): on item and
 * session queries every setting tried passes 0.99 recall@100; on mixed-intent queries (the mean
 * of unrelated items) M=16 stalls near 0.7 while M=48 / efConstruction=400 keeps ~0.9 at
 * efSearch=200, still under 1 ms at p99.
 */
export const DEFAULT_HNSW_PARAMS: HnswParams = { m: 48, efConstruction: 400, efSearch: 200, randomSeed: 100 };

export interface GraphHit {
  row: number;
  score: number;
}

export class HnswGraph {
  private efInUse = -1;

  private constructor(
    private readonly index: HierarchicalNSW,
    readonly dims: number,
    private params: HnswParams,
  ) {}

  get efSearch(): number {
    return this.params.efSearch;
  }

  /** Trades recall for speed at run time; no rebuild. */
  setEfSearch(ef: number): void {
    this.params = { ...this.params, efSearch: Math.max(1, Math.round(ef)) };
  }

  static create(dims: number, capacity: number, params: HnswParams): HnswGraph {
    const index = new HierarchicalNSW('ip', dims);
    index.initIndex({ maxElements: Math.max(16, capacity), m: params.m, efConstruction: params.efConstruction, randomSeed: params.randomSeed });
    return new HnswGraph(index, dims, params);
  }

  /** Reads a graph written by `write`; throws if hnswlib cannot parse the file. */
  static read(file: string, dims: number, params: HnswParams): HnswGraph {
    const index = new HierarchicalNSW('ip', dims);
    index.readIndexSync(file, false);
    if (index.getNumDimensions() !== dims) throw new Error(`graph has ${index.getNumDimensions()} dimensions, expected ${dims}`);
    return new HnswGraph(index, dims, params);
  }

  get count(): number {
    return this.index.getCurrentCount();
  }

  /** Adds a row, or re-links it with its new vector if the row is already in the graph. */
  upsert(row: number, vector: Float32Array): void {
    const capacity = this.index.getMaxElements();
    if (row >= capacity || this.index.getCurrentCount() >= capacity) this.index.resizeIndex(Math.max(row + 1, capacity * 2));
    this.index.addPoint(Array.from(vector), row);
  }

  /** Keeps the row out of every later result (until it is upserted again). */
  remove(row: number): void {
    this.index.markDelete(row);
  }

  search(query: Float32Array, k: number, accept?: (row: number) => boolean): GraphHit[] {
    const n = Math.min(k, this.index.getCurrentCount());
    if (n <= 0) return [];
    const ef = Math.max(this.params.efSearch, n);
    if (ef !== this.efInUse) {
      this.index.setEf(ef);
      this.efInUse = ef;
    }
    const { neighbors, distances } = accept ? this.index.searchKnn(Array.from(query), n, accept) : this.index.searchKnn(Array.from(query), n);
    // hnswlib's inner-product "distance" is 1 - dot.
    return neighbors.map((row, i) => ({ row, score: 1 - distances[i]! }));
  }

  write(file: string): void {
    this.index.writeIndexSync(file);
  }
}
