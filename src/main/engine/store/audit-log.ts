import type { Database, Statement } from 'better-sqlite3';

/** Who made a change, and what their audit entry adds (a reason, the figures at that moment). */
export interface AuditedBy {
  readonly actor?: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Who changed what, when: configs, imports, model promotions. Append-only. */
export class AuditLog {
  private readonly append: Statement<[number, string, string, string | null, string | null]>;

  constructor(db: Database) {
    this.append = db.prepare('INSERT INTO audit_log (ts, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)');
  }

  record(actor: string, action: string, target?: string, detail?: unknown): void {
    this.append.run(Date.now(), actor, action, target ?? null, detail === undefined ? null : JSON.stringify(detail));
  }
}
