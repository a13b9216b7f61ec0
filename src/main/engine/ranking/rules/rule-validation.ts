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
  };
}

export function unknownItemError(itemId: string): ContractError {
  const message = `unknown item ${JSON.stringify(itemId)}: no such item in the catalogue`;
  return new ContractError('bad_request', `rule: target.itemId: ${message}`, [{ path: 'target.itemId', message }]);
}
