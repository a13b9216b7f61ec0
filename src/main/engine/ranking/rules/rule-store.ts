import type { Database, Statement } from 'better-sqlite3';
import { ContractError } from '../../../../shared/contract/errors';
import type { Rule, RuleOptions } from '../../../../shared/contract/recommendations';
import type { AuditedBy, AuditLog } from '../../store/audit-log';
import { seqOfRuleId, toRule, type RuleRow } from './rule-rows';
import { isRuleActive, type RuleRequestContext } from './rule-activity';
import { inputOf, parseRuleInput, unknownReferences, unknownReferencesError, type RuleReferences, type ValidRuleInput } from './rule-validation';
import { CATEGORY_SEPARATOR } from './rule-target';

/** Slots every installation has (the demo, the simulator and the console use them); slots seen in impressions are known too. */
export const BUILT_IN_SLOTS = ['home', 'search', 'product', 'category', 'cart'] as const;
const MAX_OPTIONS = 2000;

export interface RuleStoreOptions {
  audit?: AuditLog;
  actor?: string;
  clock?: () => number;
  /** More slot names a rule may name (e.g. the exploration settings' slots). */
  extraSlots?: () => readonly string[];
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
  private readonly brandExists: Statement<[string]>;
  private readonly categoryExists: Statement<[{ node: string; prefix: string }]>;
  private readonly slotSeen: Statement<[string]>;
  private readonly collectionExists: Statement<[string]>;
  private readonly clock: () => number;

  constructor(
    private readonly db: Database,
    private readonly settings: RuleStoreOptions = {},
  ) {
    this.clock = settings.clock ?? Date.now;
    this.insert = db.prepare(`INSERT INTO rules (kind, target, strength, position, slot, starts_at, ends_at, enabled, note, conditions, created_at, updated_at)
      VALUES (@kind, @target, @strength, @position, @slot, @startsAt, @endsAt, @enabled, @note, @conditions, @now, @now) RETURNING *`);
    this.replace = db.prepare(`UPDATE rules SET kind = @kind, target = @target, strength = @strength, position = @position, slot = @slot,
      starts_at = @startsAt, ends_at = @endsAt, enabled = @enabled, note = @note, conditions = @conditions, updated_at = @now WHERE seq = @seq RETURNING *`);
    this.remove = db.prepare('DELETE FROM rules WHERE seq = ?');
    this.bySeq = db.prepare('SELECT * FROM rules WHERE seq = ?');
    this.allRows = db.prepare('SELECT * FROM rules ORDER BY seq');
    this.itemExists = db.prepare('SELECT 1 FROM items WHERE item_id = ?');
    this.brandExists = db.prepare('SELECT 1 FROM items WHERE brand = ? COLLATE NOCASE LIMIT 1');
    // A category node is known when some item sits at it or below it.
    this.categoryExists = db.prepare('SELECT 1 FROM items WHERE category = @node COLLATE NOCASE OR lower(substr(category, 1, length(@prefix))) = lower(@prefix) LIMIT 1');
    this.slotSeen = db.prepare('SELECT 1 FROM impressions WHERE slot = ? LIMIT 1');
    this.collectionExists = db.prepare('SELECT 1 FROM collections WHERE collection_id = ?');
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

  /** The rules that apply to one request: enabled, inside their window and schedule at `now`, for this slot, query and category. */
  active(slot: string, now: number, context?: RuleRequestContext): Rule[] {
    this.cache ??= this.allRows.all().map(toRule);
    return this.cache.filter((r) => isRuleActive(r, slot, now, context));
  }

  /** The slot names a rule may name besides '*': the built-in ones, the configured ones, and every slot a list was served for. */
  knownSlot(slot: string): boolean {
    return (BUILT_IN_SLOTS as readonly string[]).includes(slot) || (this.settings.extraSlots?.() ?? []).includes(slot) || this.slotSeen.get(slot) !== undefined;
  }

  /** The slots, categories (with their ancestors), brands and collections a rule may name, for the console's pickers. */
  options(): RuleOptions {
    const seen = this.db.prepare('SELECT DISTINCT slot FROM impressions').pluck().all() as string[];
    const slots = [...new Set([...BUILT_IN_SLOTS, ...(this.settings.extraSlots?.() ?? []), ...seen])].sort();
    const categories = new Set<string>();
    for (const path of this.db.prepare('SELECT DISTINCT category FROM items WHERE category IS NOT NULL').pluck().iterate() as Iterable<string>) {
      const parts = path.split(CATEGORY_SEPARATOR);
      for (let i = 1; i <= parts.length; i++) categories.add(parts.slice(0, i).join(CATEGORY_SEPARATOR));
      if (categories.size >= MAX_OPTIONS) break;
    }
    const brands = this.db.prepare(`SELECT DISTINCT brand FROM items WHERE brand IS NOT NULL AND brand != '' ORDER BY brand LIMIT ${MAX_OPTIONS}`).pluck().all() as string[];
    const collections = this.db.prepare(`SELECT collection_id AS collectionId, name FROM collections ORDER BY name COLLATE NOCASE, collection_id LIMIT ${MAX_OPTIONS}`).all() as { collectionId: string; name: string }[];
    return { slots, categories: [...categories].sort().slice(0, MAX_OPTIONS), brands, collections };
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

  /** Refuses a rule that names an item, brand, category, collection or slot nobody knows, naming the field and the value. */
  private checked(rule: ValidRuleInput): ValidRuleInput {
    const unknown = unknownReferences(rule, this.references);
    if (unknown.length > 0) throw unknownReferencesError(unknown);
    return rule;
  }

  private readonly references: RuleReferences = {
    hasItem: (id) => this.itemExists.get(id) !== undefined,
    hasBrand: (brand) => this.brandExists.get(brand.trim()) !== undefined,
    hasCategory: (category) => {
      const node = category.trim();
      return this.categoryExists.get({ node, prefix: node + CATEGORY_SEPARATOR }) !== undefined;
    },
    hasSlot: (slot) => this.knownSlot(slot),
    hasCollection: (id) => this.collectionExists.get(id) !== undefined,
  };

  private merged(ruleId: string, patch: unknown): ValidRuleInput {
    const existing = this.require(ruleId);
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new ContractError('bad_request', 'rule: the update must be an object');
    return this.checked(parseRuleInput({ ...inputOf(existing), ...patch }));
  }

  private written(action: string, rule: Rule, by: AuditedBy): Rule {
    this.cache = undefined;
    this.settings.audit?.record(by.actor ?? this.settings.actor ?? 'operator', action, rule.ruleId, by.detail ? { rule, ...by.detail } : rule);
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
    conditions: JSON.stringify({ query: rule.query, category: rule.category, segment: rule.segment, collection: rule.collection, schedule: rule.schedule, url: rule.url }),
  };
}
