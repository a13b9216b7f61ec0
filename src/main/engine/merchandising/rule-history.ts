/** One rule's history, read back from the audit log: who changed it, when, and which fields. */
import type { Database, Statement } from 'better-sqlite3';
import type { RuleHistory, RuleHistoryEntry } from '../../../shared/contract';

interface AuditRow {
  seq: number;
  ts: number;
  actor: string;
  action: string;
  detail: string | null;
}

/** The fields a rule write records that say what the rule does (ids and timestamps are not changes). */
const RULE_FIELDS = ['kind', 'target', 'strength', 'position', 'slot', 'startsAt', 'endsAt', 'enabled', 'note', 'query', 'category', 'schedule', 'url'] as const;

export class RuleHistoryQuery {
  private readonly rows: Statement<[string], AuditRow>;

  constructor(db: Database) {
    // Every rule write is audited with the rule id as its target (rule-store.ts).
    this.rows = db.prepare("SELECT seq, ts, actor, action, detail FROM audit_log WHERE target = ? AND action IN ('rule.create', 'rule.update', 'rule.delete') ORDER BY seq");
  }

  /** Newest first, at most `limit` entries; each entry's changes are against the write before it. */
  history(ruleId: string, limit: number): RuleHistory {
    let before: Record<string, unknown> | null = null;
    const entries: RuleHistoryEntry[] = [];
    for (const row of this.rows.iterate(ruleId)) {
      const detail = parseDetail(row.detail);
      // A guarded or imported write records { rule, reason, ... }; a plain one records the rule itself.
      const rule = isObject(detail.rule) ? detail.rule : detail;
      const after = row.action === 'rule.delete' ? null : rule;
      entries.push({
        seq: row.seq,
        ts: row.ts,
        actor: row.actor,
        action: row.action,
        changes: row.action === 'rule.delete' ? [] : changes(before, rule),
        reason: typeof detail.reason === 'string' ? detail.reason : null,
        via: typeof detail.via === 'string' ? detail.via : null,
      });
      before = after;
    }
    return { ruleId, entries: entries.reverse().slice(0, limit) };
  }
}

/** The fields whose value differs between two recorded rules (every present field when there is no earlier one). */
export function changes(before: Record<string, unknown> | null, after: Record<string, unknown>): RuleHistoryEntry['changes'] {
  const out: RuleHistoryEntry['changes'] = [];
  for (const field of RULE_FIELDS) {
    const was = before ? (before[field] ?? null) : null;
    const now = after[field] ?? null;
    if (before === null ? now !== null : JSON.stringify(was) !== JSON.stringify(now)) out.push({ field, before: was, after: now });
  }
  return out;
}

function parseDetail(text: string | null): Record<string, unknown> {
  if (text === null) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
