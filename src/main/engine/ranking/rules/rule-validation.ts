import type { z } from 'zod';
import { ContractError, issuePath } from '../../../../shared/contract/errors';
import { RuleInput, type Rule } from '../../../../shared/contract/recommendations';

export type ValidRuleInput = z.output<typeof RuleInput>;

/** Parses a rule with the contract's schema; a failure names each field at fault, e.g. `position`. */
export function parseRuleInput(input: unknown): ValidRuleInput {
  const parsed = RuleInput.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message }));
  const first = issues[0];
  throw new ContractError('bad_request', `rule: ${first ? `${first.path}: ${first.message}` : 'invalid'}`, issues);
}

/** A stored rule as the input that would recreate it, for merging an update over it. */
export function inputOf(rule: Rule): ValidRuleInput {
  return {
    kind: rule.kind,
    target: rule.target,
    strength: rule.strength,
    ...(rule.position !== undefined ? { position: rule.position } : {}),
    slot: rule.slot,
    startsAt: rule.startsAt,
    endsAt: rule.endsAt,
    enabled: rule.enabled,
    note: rule.note,
    query: rule.query ?? null,
    category: rule.category ?? null,
    segment: rule.segment ?? null,
    collection: rule.collection ?? null,
    schedule: rule.schedule ?? null,
    url: rule.url ?? null,
  };
}

/** What a rule names that the catalogue or the slot list must know. */
export interface RuleReferences {
  hasItem(itemId: string): boolean;
  hasBrand(brand: string): boolean;
  /** A category path that is some item's category or an ancestor of one. */
  hasCategory(category: string): boolean;
  hasSlot(slot: string): boolean;
  hasCollection(collectionId: string): boolean;
}

type UnknownRef = { path: string; message: string };

/** Every unknown item, brand, category, collection or slot a rule names, each with the field that names it. */
export function unknownReferences(rule: ValidRuleInput, refs: RuleReferences): UnknownRef[] {
  const out: UnknownRef[] = [];
  const unknown = (path: string, what: string, value: string, where: string): void => {
    out.push({ path, message: `unknown ${what} ${JSON.stringify(value)}: no such ${what} in ${where}` });
  };
  const t = rule.target;
  if (t.type === 'item' && !refs.hasItem(t.itemId)) unknown('target.itemId', 'item', t.itemId, 'the catalogue');
  if (t.type === 'brand' && !refs.hasBrand(t.brand)) unknown('target.brand', 'brand', t.brand, 'the catalogue');
  if (t.type === 'category' && !refs.hasCategory(t.category)) unknown('target.category', 'category', t.category, 'the catalogue');
  if (t.type === 'collection' && !refs.hasCollection(t.collection)) unknown('target.collection', 'collection', t.collection, 'the catalogue (collections.save makes one)');
  if (rule.category !== null && !refs.hasCategory(rule.category)) unknown('category', 'category', rule.category, 'the catalogue');
  if (rule.collection !== null && !refs.hasCollection(rule.collection)) unknown('collection', 'collection', rule.collection, 'the catalogue (collections.save makes one)');
  if (rule.slot !== '*' && !refs.hasSlot(rule.slot)) unknown('slot', 'slot', rule.slot, "the known slots ('*' is every slot)");
  return out;
}

/** The contract error for unknown references: its message names the first field and value, its issues all of them. */
export function unknownReferencesError(issues: readonly UnknownRef[]): ContractError {
  const first = issues[0] as UnknownRef;
  return new ContractError('bad_request', `rule: ${first.path}: ${first.message}`, [...issues]);
}
