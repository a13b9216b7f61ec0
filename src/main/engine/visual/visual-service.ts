import type { Database } from 'better-sqlite3';
import type { VisualImportReport, VisualModel, VisualStatus } from '../../../shared/contract/visual';
import type { ItemVectorRepository } from '../store';
import { UnknownVisualModelError } from './errors';
import { registerImageEncoder, type RegisterImageEncoderOptions } from './image-encoder';
import type { ImageSessionFactory } from './image-session';
import { VisualVectorImporter, type VisualFileImport, type VisualTextImport } from './vector-import';
import { VisualModelRegistry } from './visual-model-registry';
import { VisualVectors } from './visual-vectors';

/**
 * The visual channel as one capability: the registry, the importer and the serving vectors, with
 * one method per proposed contract method (src/shared/contract/visual.ts, `visualMethods`).
 */
export class VisualService {
  readonly registry: VisualModelRegistry;
  readonly importer: VisualVectorImporter;
  readonly vectors: VisualVectors;

  constructor(
    private readonly db: Database,
    private readonly itemVectors: ItemVectorRepository,
    private readonly options: { factory?: ImageSessionFactory } = {},
  ) {
    this.registry = new VisualModelRegistry(db);
    this.importer = new VisualVectorImporter(db, this.registry, itemVectors);
    this.vectors = new VisualVectors(db, this.registry);
  }

  /** `visual.status` */
  status(): VisualStatus {
    const active = this.registry.active() ?? null;
    const items = (this.db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
    const itemsWithVectors = active
      ? (this.db.prepare('SELECT count(*) AS n FROM item_vectors v JOIN items i ON i.item_id = v.item_id WHERE v.model_version = ?').get(active.version) as { n: number }).n
      : 0;
    return { active, items, itemsWithVectors };
  }

  /** `visual.models` */
  models(): VisualModel[] {
    return this.registry.list();
  }

  /** `visual.registerEncoder` */
  registerEncoder(request: Omit<RegisterImageEncoderOptions, 'factory'>): Promise<VisualModel> {
    return registerImageEncoder(this.registry, { ...request, ...(this.options.factory ? { factory: this.options.factory } : {}) });
  }

  /** `visual.importVectors` */
  async importVectors(request: VisualFileImport): Promise<VisualImportReport> {
    const report = await this.importer.importFile(request);
    this.vectors.refresh();
    return report;
  }

  /** `visual.importText` */
  async importText(request: VisualTextImport): Promise<VisualImportReport> {
    const report = await this.importer.importText(request);
    this.vectors.refresh();
    return report;
  }

  /**
   * Writes image-encoder outputs (from `ImageEncoder.embedImages`) for a registered version with
   * channel 'visual'; `contentHash` says which image they came from (e.g. sha256 of the image bytes).
   */
  storeEmbeddings(modelVersion: string, rows: readonly { itemId: string; contentHash: string; vector: Float32Array }[]): void {
    const model = this.registry.get(modelVersion);
    if (!model) throw new UnknownVisualModelError(modelVersion);
    const wrong = rows.find((r) => r.vector.length !== model.dims);
    if (wrong) throw new RangeError(`${wrong.itemId}: ${wrong.vector.length} dimensions, ${modelVersion} has ${model.dims}`);
    this.itemVectors.put(rows.map((r) => ({ ...r, modelVersion })), 'visual');
    this.vectors.refresh();
  }

  /** `visual.activate` */
  activate(version: string): VisualModel {
    return this.registry.activate(version);
  }
}
