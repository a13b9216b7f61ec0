/**
 * Nearest items to a vector: an HNSW graph once the catalogue is large enough, the exact
 * brute-force path below that (and always on request, to measure recall). Items are added and
 * updated one at a time without a rebuild; `save`/`load` keep start-up free of rebuilds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { exactSearch, exactSearchRows } from './exact-search';
import { DEFAULT_HNSW_PARAMS, HnswGraph, type HnswParams } from './hnsw-graph';
import {
  checkOf,
  float32FromBuffer,
  IndexFileError,
  indexPaths,
  INDEX_FORMAT,
  readManifest,
  verifyFile,
  writeAtomically,
  writeManifest,
} from './index-files';
import { normalized } from './vector-math';
import { VectorTable } from './vector-table';

export interface ScoredItem {
  itemId: string;
  score: number;
}

/** Keeps an item in a result; called only for items that would otherwise be returned. */
export type ItemFilter = (itemId: string) => boolean;

export interface VectorIndexOptions {
  /** Below this many items every search is exact (fast enough, and perfect recall). */
  exactBelow?: number;
  params?: Partial<HnswParams>;
}

export const DEFAULT_EXACT_BELOW = 20_000;

export class VectorIndex {
  private table: VectorTable;
  private graph: HnswGraph | undefined;
  private readonly exactBelow: number;
  private hnswParams: HnswParams;
  /** Newest item-vector timestamp applied (epoch ms), saved with the index. */
  watermark = 0;
  private changes = 0;

  constructor(
    readonly modelVersion: string,
    readonly dims: number,
    options: VectorIndexOptions = {},
  ) {
    this.table = new VectorTable(dims);
    this.exactBelow = options.exactBelow ?? DEFAULT_EXACT_BELOW;
    this.hnswParams = { ...DEFAULT_HNSW_PARAMS, ...options.params };
  }

  get size(): number {
    return this.table.size;
  }

  get params(): HnswParams {
    return this.hnswParams;
  }

  /** Candidate list size of ANN searches: higher is better recall and slower. No rebuild. */
  setEfSearch(ef: number): void {
    this.hnswParams = { ...this.hnswParams, efSearch: Math.max(1, Math.round(ef)) };
    this.graph?.setEfSearch(ef);
  }

  /** Whether searches go through the HNSW graph (true once the catalogue reaches `exactBelow`). */
  get usesAnn(): boolean {
    return this.graph !== undefined;
  }

  has(itemId: string): boolean {
    return this.table.row(itemId) !== undefined;
  }

  /** A copy of the item's stored (unit) vector. */
  vectorOf(itemId: string): Float32Array | undefined {
    const row = this.table.row(itemId);
    return row === undefined ? undefined : this.table.vector(row).slice();
  }

  /**
   * The item's stored (unit) vector without a copy, for reading on the request path (scoring,
   * session intents): valid until the next `upsert`, and never to be written to.
   */
  vectorView(itemId: string): Float32Array | undefined {
    const row = this.table.row(itemId);
    return row === undefined ? undefined : this.table.vector(row);
  }

  /**
   * Adds new items and replaces changed ones in place; builds the graph when the size crosses
   * `exactBelow`. Returns how many items were new or changed (an identical vector is a no-op).
   */
  upsert(rows: Iterable<{ itemId: string; vector: Float32Array }>): number {
    let n = 0;
    // Counted before the first write: a reader that saw the old revision never keeps a result that mixes the two.
    let counted = false;
    for (const { itemId, vector } of rows) {
      const unit = normalized(vector);
      const existing = this.table.row(itemId);
      if (existing !== undefined && sameVector(this.table.vector(existing), unit)) continue;
      if (!counted) {
        this.changes++;
        counted = true;
      }
      const { row } = this.table.upsert(itemId, unit);
      this.graph?.upsert(row, unit);
      n++;
    }
    if (this.graph === undefined && this.table.size >= this.exactBelow) this.buildGraph();
    return n;
  }

  /** Counts the upserts that changed a vector: what was computed from the vectors at one revision holds until the next. */
  get revision(): number {
    return this.changes;
  }

  /** The k nearest items by inner product (cosine), best first. */
  search(query: Float32Array, k: number, filter?: ItemFilter): ScoredItem[] {
    if (this.graph === undefined) return this.searchExact(query, k, filter);
    const accept = filter ? (row: number) => filter(this.table.itemId(row)) : undefined;
    return this.graph.search(query, k, accept).map((h) => ({ itemId: this.table.itemId(h.row), score: h.score }));
  }

  /** An item's row in the table (stable while this index lives; rows are never reused), or undefined without a vector. */
  rowOf(itemId: string): number | undefined {
    return this.table.row(itemId);
  }

  /** The item at a row (rows 0..size-1). */
  itemIdAt(row: number): string {
    return this.table.itemId(row);
  }

  /**
   * The exact top k among these rows (ascending), best first: a filtered search over a filter's few
   * passing items. Ties by row, as `searchExact`.
   */
  searchAmong(query: Float32Array, k: number, rows: Int32Array): ScoredItem[] {
    if (k <= 0 || rows.length === 0) return [];
    return exactSearchRows(this.table, query, k, rows).map((h) => ({ itemId: this.table.itemId(h.row), score: h.score }));
  }

  /**
   * The k nearest items whose row passes `acceptRow`: the graph walked with the filter (hnswlib skips
   * rejected nodes as results but still walks through them), exact below the graph's threshold.
   */
  searchRows(query: Float32Array, k: number, acceptRow: (row: number) => boolean): ScoredItem[] {
    const hits = this.graph === undefined ? exactSearch(this.table, query, k, acceptRow) : this.graph.search(query, k, acceptRow);
    return hits.map((h) => ({ itemId: this.table.itemId(h.row), score: h.score }));
  }

  /** Brute force over every item: the reference for recall, and the path for small catalogues. */
  searchExact(query: Float32Array, k: number, filter?: ItemFilter): ScoredItem[] {
    const accept = filter ? (row: number) => filter(this.table.itemId(row)) : undefined;
    return exactSearch(this.table, query, k, accept).map((h) => ({ itemId: this.table.itemId(h.row), score: h.score }));
  }

  /** (Re)builds the graph from every stored vector, whatever the size. */
  buildGraph(): void {
    const graph = HnswGraph.create(this.dims, Math.max(this.table.size, 1024), this.hnswParams);
    for (let row = 0; row < this.table.size; row++) graph.upsert(row, this.table.vector(row));
    this.graph = graph;
  }

  save(dir: string): void {
    mkdirSync(dir, { recursive: true });
    const paths = indexPaths(dir, this.modelVersion);
    const rows = this.table.matrix.subarray(0, this.table.size * this.dims);
    writeAtomically(paths.vec, (tmp) => writeFileSync(tmp, new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength)));
    const graph = this.graph;
    if (graph) writeAtomically(paths.ann, (tmp) => graph.write(tmp));
    writeManifest(
      paths,
      {
        format: INDEX_FORMAT,
        modelVersion: this.modelVersion,
        dims: this.dims,
        itemIds: [...this.table.itemIds()],
        vec: checkOf(paths.vec),
        ann: graph ? checkOf(paths.ann) : null,
        params: this.params,
        watermark: this.watermark,
        savedAt: Date.now(),
      },
      dir,
    );
  }

  /**
   * Reads a saved index. Throws IndexFileError when a file is missing, corrupt, from another
   * model or inconsistent with the others; the caller rebuilds from the store then.
   */
  static load(dir: string, modelVersion: string, dims: number, options: VectorIndexOptions = {}): VectorIndex {
    const paths = indexPaths(dir, modelVersion);
    const manifest = readManifest(paths, modelVersion, dims);
    // The graph's shape (M, efConstruction) is the file's; efSearch is a run-time knob, so the caller's (or the default) wins.
    const efSearch = options.params?.efSearch ?? DEFAULT_HNSW_PARAMS.efSearch;
    const index = new VectorIndex(modelVersion, dims, { ...options, params: { ...manifest.params, efSearch } });
    const matrix = float32FromBuffer(verifyFile(paths.vec, manifest.vec));
    try {
      index.table = VectorTable.fromRows(dims, manifest.itemIds, matrix);
    } catch (err) {
      throw new IndexFileError(paths.vec, err instanceof Error ? err.message : String(err));
    }
    if (manifest.ann !== null) {
      verifyFile(paths.ann, manifest.ann);
      let graph: HnswGraph;
      try {
        graph = HnswGraph.read(paths.ann, dims, index.params);
      } catch (err) {
        throw new IndexFileError(paths.ann, `unreadable graph (${err instanceof Error ? err.message : String(err)})`);
      }
      if (graph.count !== index.size) throw new IndexFileError(paths.ann, `graph holds ${graph.count} items, the id map ${index.size}`);
      index.graph = graph;
    } else if (index.size >= index.exactBelow) {
      index.buildGraph();
    }
    index.watermark = manifest.watermark;
    return index;
  }
}

function sameVector(a: Float32Array, b: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
