import type { Database } from 'better-sqlite3';
import type { AuditListRequest, AuditPage } from '../../../../shared/contract';

interface AuditRow {
  seq: number;
  ts: number;
  actor: string;
  action: string;
  target: string | null;
  detail: string | null;
}

/** Reads the audit log newest first, filtered, a page at a time. */
export class AuditQuery {
  constructor(private readonly db: Database) {}

  list(req: AuditListRequest): AuditPage {
    const clauses: string[] = [];
    const params: Record<string, string | number> = { limit: req.limit + 1 };
    if (req.beforeSeq !== undefined) {
      clauses.push('seq < @beforeSeq');
      params.beforeSeq = req.beforeSeq;
    }
    if (req.action !== undefined) {
      // A prefix, matched literally (no LIKE wildcards from the user).
      clauses.push('substr(action, 1, length(@action)) = @action');
      params.action = req.action;
    }
    if (req.actor !== undefined) {
      clauses.push('actor = @actor');
      params.actor = req.actor;
    }
    if (req.text !== undefined) {
      clauses.push("(instr(lower(coalesce(target, '')), lower(@text)) > 0 OR instr(lower(coalesce(detail, '')), lower(@text)) > 0)");
      params.text = req.text;
    }
    if (req.from !== undefined) {
      clauses.push('ts >= @from');
      params.from = req.from;
    }
    if (req.to !== undefined) {
      clauses.push('ts <= @to');
      params.to = req.to;
    }
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db.prepare(`SELECT * FROM audit_log ${where} ORDER BY seq DESC LIMIT @limit`).all(params) as AuditRow[];
    const page = rows.slice(0, req.limit);
    const actions = (this.db.prepare('SELECT DISTINCT action FROM audit_log ORDER BY action').all() as { action: string }[]).map((r) => r.action);
    return {
      entries: page.map((r) => ({ seq: r.seq, ts: r.ts, actor: r.actor, action: r.action, target: r.target, detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown) })),
      actions,
      nextBeforeSeq: rows.length > req.limit ? (page.at(-1)?.seq ?? null) : null,
    };
  }
}
