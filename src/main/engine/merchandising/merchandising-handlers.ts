import { ContractError } from '../../../shared/contract';
import { actorOf } from '../loop/audit/actor';
import type { RuleStore } from '../ranking';
import type { HandlerMap } from '../rpc/handler-map';
import type { RuleHistoryQuery } from './rule-history';
import type { RuleTransfer } from './rule-transfer';

/** Bulk export/import of rules and synonyms, and one rule's history (the Rules page). */
export function merchandisingHandlers(d: { transfer: RuleTransfer; history: RuleHistoryQuery; rules: RuleStore }): HandlerMap {
  return {
    'rules.export': () => d.transfer.export(),
    'rules.import': (input, ctx) =>
      d.transfer.import(input.document, { mode: input.mode, dryRun: input.dryRun, actor: actorOf(ctx), reason: input.confirm?.reason ?? null }),
    'rules.history': (input) => {
      const history = d.history.history(input.ruleId, input.limit);
      // A deleted rule still has its history; an id that never was has none.
      if (history.entries.length === 0 && !d.rules.get(input.ruleId)) throw new ContractError('not_found', `rule ${JSON.stringify(input.ruleId)} does not exist`, [{ path: 'ruleId', message: 'no such rule' }]);
      return history;
    },
  };
}
