import type { Database, Statement } from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { RowRejection } from '../../../shared/contract';
import type { VisualImportReport, VisualVectorFormat } from '../../../shared/contract/visual';
import type { ItemVectorRepository, ItemVectorRow } from '../store';
import { readCsvVectors } from './csv-vectors';
import { UnknownVisualModelError, VisualImportError } from './errors';
import { sha256FileSync, sha256Text, sourceNameOf } from './file-digest';
import { readJsonlVectors } from './jsonl-vectors';
import { readNpyVectors } from './npy-vectors';
import { l2Normalised } from './vector-math';
import type { VectorReadResult } from './vector-rows';
import { visualModelVersion, type VisualModelRegistry } from './visual-model-registry';
import { nextTurn } from '../workers/time-slices';

/** Rows per transaction: a failure mid-file keeps every chunk already committed. */
const CHUNK = 1000;
/** The report lists this many rejections; the count covers them all. */
const MAX_LISTED_REJECTIONS = 1000;

export interface VisualFileImport {
  path: string;
  format: VisualVectorFormat;
  /** .npy only. */
  idsPath?: string;
  name?: string;
  modelVersion?: string;
  /** Default true: the channel serves this version once a row is stored. */
  activate?: boolean;
}

export interface VisualTextImport {
  fileName: string;
  format: 'jsonl' | 'csv';
  content: string;
  name?: string;
  modelVersion?: string;
  activate?: boolean;
}

interface Source {
  file: string;
  idsFile?: string;
  path: string;
  format: VisualVectorFormat;
  sha256: string;
  rows: () => Iterable<VectorReadResult>;
}

/**
 * Imports per-item image vectors (JSONL, CSV, .npy) into `item_vectors` with channel 'visual'.
 * Every row is stored or rejected with file, line, field and reason; vectors are L2-normalised;
 * one dimension per model version; a bad row never rolls back good ones.
 */
export class VisualVectorImporter {
  private readonly itemExists: Statement<[string], { one: number }>;
  private readonly storedDims: Statement<[string], { dims: number }>;

  constructor(
    db: Database,
    private readonly registry: VisualModelRegistry,
    private readonly vectors: ItemVectorRepository,
  ) {
    this.itemExists = db.prepare('SELECT 1 AS one FROM items WHERE item_id = ?');
    this.storedDims = db.prepare('SELECT dims FROM item_vectors WHERE model_version = ? LIMIT 1');
  }

  async importFile(request: VisualFileImport): Promise<VisualImportReport> {
    const file = basename(request.path);
    if (request.format === 'npy' && !request.idsPath) throw new VisualImportError(file, '.npy vectors need an ids file (one item id a line, line i+1 for row i)');
    let sha256: string;
    try {
      sha256 = sha256FileSync(request.path);
    } catch (err) {
      throw new VisualImportError(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read it: ${err instanceof Error ? err.message : String(err)}`);
    }
    const readText = (): string => readFileSync(request.path, 'utf8');
    const rows = (): Iterable<VectorReadResult> =>
      request.format === 'npy' ? readNpyVectors(request.path, request.idsPath!) : request.format === 'csv' ? readCsvVectors(file, readText()) : readJsonlVectors(readText());
    const source: Source = { file, path: request.path, format: request.format, sha256, rows, ...(request.idsPath ? { idsFile: basename(request.idsPath) } : {}) };
    return this.run(source, request);
  }

  async importText(request: VisualTextImport): Promise<VisualImportReport> {
    const file = request.fileName;
    const rows = (): Iterable<VectorReadResult> => (request.format === 'csv' ? readCsvVectors(file, request.content) : readJsonlVectors(request.content));
    return this.run({ file, path: file, format: request.format, sha256: sha256Text(request.content), rows }, request);
  }

  private async run(source: Source, options: { name?: string; modelVersion?: string; activate?: boolean }): Promise<VisualImportReport> {
    const target = options.modelVersion ? this.registry.get(options.modelVersion) : undefined;
    if (options.modelVersion && !target) throw new UnknownVisualModelError(options.modelVersion);
    const name = options.name ?? sourceNameOf(source.file);
    const modelVersion = target?.version ?? visualModelVersion(name, source.sha256);
    let dims: number | null = target?.dims ?? this.registry.get(modelVersion)?.dims ?? this.storedDims.get(modelVersion)?.dims ?? null;

    const report: VisualImportReport = {
      file: source.file,
      ...(source.idsFile ? { idsFile: source.idsFile } : {}),
      format: source.format,
      modelVersion,
      dims,
      rowsRead: 0,
      stored: 0,
      rejected: 0,
      rejections: [],
      activated: false,
    };
    const reject = (r: RowRejection): void => {
      report.rejected++;
      if (report.rejections.length < MAX_LISTED_REJECTIONS) report.rejections.push(r);
    };
    const seen = new Map<string, number>();
    let chunk: ItemVectorRow[] = [];
    const flush = async (): Promise<void> => {
      if (chunk.length === 0) return;
      this.vectors.put(chunk, 'visual');
      report.stored += chunk.length;
      chunk = [];
      await nextTurn();
    };

    for (const result of source.rows()) {
      report.rowsRead++;
      if (result.kind === 'problem') {
        reject({ file: result.file ?? source.file, line: result.line, field: result.field, reason: result.reason });
        continue;
      }
      const at = { file: source.file, line: result.line };
      const first = seen.get(result.itemId);
      if (first !== undefined) {
        reject({ ...at, field: 'item_id', reason: `duplicate id in the file (first on line ${first}): ${result.itemId}` });
        continue;
      }
      seen.set(result.itemId, result.line);
      if (!this.itemExists.get(result.itemId)) {
        reject({ ...at, field: 'item_id', reason: `unknown item id (not in the catalogue): ${result.itemId}` });
        continue;
      }
      const bad = result.values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) {
        reject({ ...at, field: `vector[${bad}]`, reason: `not finite: ${result.values[bad]}` });
        continue;
      }
      if (dims === null) dims = result.values.length;
      if (result.values.length !== dims) {
        reject({ ...at, field: 'vector', reason: `wrong dimension: ${result.values.length} values, ${modelVersion} has ${dims}` });
        continue;
      }
      const vector = l2Normalised(result.values);
      if (!vector) {
        reject({ ...at, field: 'vector', reason: 'zero vector: cannot be normalised' });
        continue;
      }
      if (!this.registry.get(modelVersion)) {
        // Registered at the first good row, so the version's dimension is on record before any vector.
        this.registry.register({
          kind: 'image-vectors',
          version: modelVersion,
          name,
          path: source.path,
          sha256: source.sha256,
          dims,
          source: { format: source.format, ...(source.idsFile ? { idsFile: source.idsFile } : {}) },
        });
      }
      chunk.push({ itemId: result.itemId, modelVersion, contentHash: source.sha256, vector });
      if (chunk.length >= CHUNK) await flush();
    }
    await flush();
    report.dims = dims;
    if ((options.activate ?? true) && report.stored > 0) {
      this.registry.activate(modelVersion);
      report.activated = true;
    }
    return report;
  }
}
