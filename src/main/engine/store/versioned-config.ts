import type { Database, Statement } from 'better-sqlite3';
import type { z } from 'zod';
import type { AuditLog } from './audit-log';

interface ConfigRow {
  version: number;
  body: string;
}

/**
 * A small setting kept as versions in the `configs` table (every change a new version, the highest
 * in force), validated by its schema, served from memory and audited on every change.
 */
export class VersionedConfig<S extends z.ZodType<object>> {
  private cached: z.output<S> | undefined;
  private readonly latest: Statement<[string], ConfigRow>;
  private readonly insert: Statement<[string, string, string, number, string]>;

  constructor(
    private readonly db: Database,
    readonly name: string,
    private readonly schema: S,
    private readonly defaults: z.output<S>,
    private readonly audit?: AuditLog,
  ) {
    this.latest = db.prepare('SELECT version, body FROM configs WHERE name = ? ORDER BY version DESC LIMIT 1');
    this.insert = db.prepare('INSERT INTO configs (name, version, body, note, created_at) SELECT ?, COALESCE(MAX(version), 0) + 1, ?, ?, ? FROM configs WHERE name = ?');
  }

  /** The setting in force (the defaults until one is stored). */
  get(): z.output<S> {
    if (this.cached) return this.cached;
    const row = this.latest.get(this.name);
    // A stored body that no longer parses (an older shape) gives way to the defaults rather than failing requests.
    const parsed = row ? this.schema.safeParse(JSON.parse(row.body)) : undefined;
    this.cached = parsed?.success ? parsed.data : this.defaults;
    return this.cached;
  }

  /** Stores a new version and puts it in force; `value` must already be validated by the contract. */
  set(value: z.output<S>, actor: string, note = ''): z.output<S> {
    const checked = this.schema.parse(value);
    this.db.transaction(() => {
      this.insert.run(this.name, JSON.stringify(checked), note, Date.now(), this.name);
      this.audit?.record(actor, `${this.name}.set`, this.name, { note, value: checked });
    })();
    this.cached = checked;
    return checked;
  }
}
