import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { ImageInputSpec, VisualModel, VisualModelKind, VisualVectorFormat } from '../../../shared/contract/visual';
import { UnknownVisualModelError } from './errors';

/**
 * The visual models in the `models` table (migration 001, used as is): one row per version,
 * `model_id` = `version` = `visual:<name>@<sha12>`, kind 'image-encoder' or 'image-vectors',
 * status 'registered' or 'active' (at most one visual row is active), the rest in `config` JSON.
 */
const StoredConfig = z.object({
  name: z.string(),
  dims: z.number().int().positive(),
  input: ImageInputSpec.optional(),
  outputName: z.string().optional(),
  source: z.object({ format: VisualVectorFormat, idsFile: z.string().optional() }).optional(),
});
type StoredConfig = z.infer<typeof StoredConfig>;

interface ModelRow {
  model_id: string;
  kind: string;
  version: string;
  path: string | null;
  sha256: string | null;
  config: string | null;
  status: string;
  created_at: number;
  promoted_at: number | null;
}

export type NewVisualModel = Omit<VisualModel, 'modelId' | 'status' | 'createdAt' | 'promotedAt'>;

const KINDS = `kind IN ('image-encoder', 'image-vectors')`;

/** The version string for a source name and the sha256 of its file. */
export function visualModelVersion(name: string, sha256: string): string {
  return `visual:${name}@${sha256.slice(0, 12)}`;
}

function toModel(row: ModelRow): VisualModel {
  const config = StoredConfig.parse(JSON.parse(row.config ?? '{}'));
  return VisualModel.parse({
    modelId: row.model_id,
    kind: VisualModelKind.parse(row.kind),
    version: row.version,
    name: config.name,
    path: row.path,
    sha256: row.sha256,
    dims: config.dims,
    status: row.status === 'active' ? 'active' : 'registered',
    createdAt: row.created_at,
    promotedAt: row.promoted_at,
    ...(config.input ? { input: config.input } : {}),
    ...(config.outputName ? { outputName: config.outputName } : {}),
    ...(config.source ? { source: config.source } : {}),
  });
}

export class VisualModelRegistry {
  private readonly byVersion: Statement<[string], ModelRow>;
  private readonly insert: Statement;
  private readonly listeners: ((active: VisualModel | undefined) => void)[] = [];

  constructor(private readonly db: Database) {
    this.byVersion = db.prepare(`SELECT * FROM models WHERE version = ? AND ${KINDS}`);
    this.insert = db.prepare(`INSERT INTO models (model_id, kind, version, path, sha256, config, status, created_at)
      VALUES (@modelId, @kind, @version, @path, @sha256, @config, 'registered', @createdAt)
      ON CONFLICT (model_id) DO NOTHING`);
  }

  get(version: string): VisualModel | undefined {
    const row = this.byVersion.get(version);
    return row ? toModel(row) : undefined;
  }

  /** Every visual model, newest first. */
  list(): VisualModel[] {
    return (this.db.prepare(`SELECT * FROM models WHERE ${KINDS} ORDER BY created_at DESC, version`).all() as ModelRow[]).map(toModel);
  }

  active(): VisualModel | undefined {
    const row = this.db.prepare(`SELECT * FROM models WHERE ${KINDS} AND status = 'active' ORDER BY promoted_at DESC LIMIT 1`).get() as ModelRow | undefined;
    return row ? toModel(row) : undefined;
  }

  /** Registers a version; registering the same version again keeps the first row and returns it. */
  register(model: NewVisualModel, now = Date.now()): VisualModel {
    const config: StoredConfig = {
      name: model.name,
      dims: model.dims,
      ...(model.input ? { input: model.input } : {}),
      ...(model.outputName ? { outputName: model.outputName } : {}),
      ...(model.source ? { source: model.source } : {}),
    };
    this.insert.run({ modelId: model.version, kind: model.kind, version: model.version, path: model.path, sha256: model.sha256, config: JSON.stringify(config), createdAt: now });
    const stored = this.get(model.version);
    if (!stored) throw new Error(`model id ${model.version} is taken by a model that is not visual`);
    return stored;
  }

  /** Makes `version` the one the visual channel serves; the previously active one goes back to 'registered'. */
  activate(version: string, now = Date.now()): VisualModel {
    if (!this.get(version)) throw new UnknownVisualModelError(version);
    this.db.transaction(() => {
      this.db.prepare(`UPDATE models SET status = 'registered' WHERE ${KINDS} AND status = 'active'`).run();
      this.db.prepare(`UPDATE models SET status = 'active', promoted_at = ? WHERE version = ? AND ${KINDS}`).run(now, version);
    })();
    const active = this.get(version)!;
    for (const listener of this.listeners) listener(active);
    return active;
  }

  /** Called after every activation (the serving side drops its caches). */
  onActivate(listener: (active: VisualModel | undefined) => void): void {
    this.listeners.push(listener);
  }
}
