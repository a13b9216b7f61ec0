import type { Database, Statement } from 'better-sqlite3';
import { ContractError } from '../../../../shared/contract/errors';
import type { Rule } from '../../../../shared/contract/recommendations';
import type { AuditedBy, AuditLog } from '../../store/audit-log';
import { isRuleActive } from './rule-activity';
import { seqOfRuleId, toRule, type RuleRow } from './rule-rows';
import { inputOf, parseRuleInput, unknownItemError, type ValidRuleInput } from './rule-validation';

export interface RuleStoreOptions {
  audit?: AuditLog;
  actor?: string;
  clock?: () => number;
}

/**
 * Merchandising rules: create, update, delete, list. Every write is validated against the contract
 * (and item targets against the catalogue) and audited. Rules are served from an in-memory copy that
 * every write through this store replaces, so a change applies to the next request.
 */
export class RuleStore {
  private cache: Rule[] | undefined;
  private readonly insert: Statement;
  private readonly replace: Statement;
  private readonly remove: Statement<[number]>;
  private readonly bySeq: Statement<[number], RuleRow>;
  private readonly allRows: Statement<[], RuleRow>;
  private readonly itemExists: Statement<[string]>;
  private readonly clock: () => number;

  constructor(
    private readonly db: Database,
    private readonly options: RuleStoreOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.insert = db.prepare(`INSERT INTO rules (kind, target, strength, position, slot, starts_at, ends_at, enabled, note, created_at, updated_at)
      VALUES (@kind, @target, @strength, @position, @slot, @startsAt, @endsAt, @enabled, @note, @now, @now) RETURNING *`);
    this.replace = db.prepare(`UPDATE rules SET kind = @kind, target = @target, strength = @strength, position = @position, slot = @slot,
      starts_at = @startsAt, ends_at = @endsAt, enabled = @enabled, note = @note, updated_at = @now WHERE seq = @seq RETURNING *`);
    this.remove = db.prepare('DELETE FROM rules WHERE seq = ?');
    this.bySeq = db.prepare('SELECT * FROM rules WHERE seq = ?');
    this.allRows = db.prepare('SELECT * FROM rules ORDER BY seq');
    this.itemExists = db.prepare('SELECT 1 FROM items WHERE item_id = ?');
  }

  create(input: unknown, by: AuditedBy = {}): Rule {
    const rule = this.checked(parseRuleInput(input));
    const row = this.insert.get({ ...columns(rule), now: this.clock() }) as RuleRow;
    return this.written('rule.create', toRule(row), by);
  }

  /** Applies `patch` (any RuleInput fields) over the stored rule and validates the result whole. */
  update(ruleId: string, patch: unknown, by: AuditedBy = {}): Rule {
    const rule = this.merged(ruleId, patch);
    const row = this.replace.get({ ...columns(rule), now: this.clock(), seq: seqOfRuleId(ruleId) }) as RuleRow;
    return this.written('rule.update', toRule(row), by);
  }

  delete(ruleId: string, by: AuditedBy = {}): Rule {
    const existing = this.require(ruleId);
    this.remove.run(seqOfRuleId(ruleId) as number);
    return this.written('rule.delete', existing, by);
  }

  /** The rule a create (no ruleId) or an update would store, validated, without storing it. */
  preview(ruleId: string | undefined, input: unknown): Rule {
    const rule = ruleId === undefined ? this.checked(parseRuleInput(input)) : this.merged(ruleId, input);
    const now = this.clock();
    const existing = ruleId === undefined ? undefined : this.get(ruleId);
    return { ...rule, ruleId: ruleId ?? 'r-new', createdAt: existing?.createdAt ?? now, updatedAt: now };
  }

  get(ruleId: string): Rule | undefined {
    const seq = seqOfRuleId(ruleId);
    if (seq === undefined) return undefined;
    const row = this.bySeq.get(seq);
    return row ? toRule(row) : undefined;
  }

  /** Every rule, oldest first. */
  list(): Rule[] {
    this.cache ??= this.allRows.all().map(toRule);
    return [...this.cache];
  }

  /** The rules that apply to one request: enabled, inside their window at `now`, for this slot. */
  active(slot: string, now: number): Rule[] {
    this.cache ??= this.allRows.all().map(toRule);
    return this.cache.filter((r) => isRuleActive(r, slot, now));
  }

  /** Drops the in-memory copy, e.g. after another process changed the rules. */
  invalidate(): void {
    this.cache = undefined;
  }

  private require(ruleId: string): Rule {
    const rule = this.get(ruleId);
    if (!rule) throw new ContractError('not_found', `rule ${JSON.stringify(ruleId)} does not exist`, [{ path: 'ruleId', message: 'no such rule' }]);
    return rule;
  }

  private checked(rule: ValidRuleInput): ValidRuleInput {
    if (rule.target.type === 'item' && this.itemExists.get(rule.target.itemId) === undefined) throw unknownItemError(rule.target.itemId);
    return rule;
  }

  private merged(ruleId: string, patch: unknown): ValidRuleInput {
    const existing = this.require(ruleId);
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new ContractError('bad_request', 'rule: the update must be an object');
    return this.checked(parseRuleInput({ ...inputOf(existing), ...patch }));
  }

  private written(action: string, rule: Rule, by: AuditedBy): Rule {
    this.cache = undefined;
    this.options.audit?.record(by.actor ?? this.options.actor ?? 'operator', action, rule.ruleId, by.detail ? { rule, ...by.detail } : rule);
    return rule;
  }
}

function columns(rule: ValidRuleInput): Record<string, string | number | null> {
  return {
    kind: rule.kind,
    target: JSON.stringify(rule.target),
    strength: rule.strength,
    position: rule.position ?? null,
    slot: rule.slot,
    startsAt: rule.startsAt,
    endsAt: rule.endsAt,
    enabled: rule.enabled ? 1 : 0,
    note: rule.note,
  };
}
