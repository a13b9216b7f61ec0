import { ContractError } from '../../../shared/contract';
import type { FusionWeightStore, ImpressionLog, PurchaseIntentModel, RuleStore } from '../ranking';
import type { HandlerMap } from '../rpc/handler-map';
import type { LiveSessions } from '../sessions/live-sessions';
import type { RecommendService } from './recommend-service';

export interface RecommendHandlerDeps {
  service: RecommendService;
  weights: FusionWeightStore;
  rules: RuleStore;
  impressions: ImpressionLog;
  sessions: LiveSessions;
  ownerOfSession: (sessionId: string) => string | undefined;
  purchaseIntent: () => PurchaseIntentModel | undefined;
}

export function recommendHandlers(d: RecommendHandlerDeps): HandlerMap {
  return {
    recommend: (input) => d.service.recommend(input),
    search: (input) => d.service.search(input),
    similar: (input) => d.service.similar(input.itemId, input.k),
    explain: (input) => {
      const impression = d.impressions.get(input.impressionId);
      if (!impression) throw new ContractError('not_found', `impressionId: no impression ${input.impressionId}`, [{ path: 'impressionId', message: 'not found' }]);
      return impression;
    },
    'intent.get': (input) => {
      const shopperId = d.ownerOfSession(input.sessionId);
      if (!shopperId) throw new ContractError('not_found', `sessionId: no session ${input.sessionId}`, [{ path: 'sessionId', message: 'not found' }]);
      const model = d.purchaseIntent();
      if (!model) throw new ContractError('conflict', 'no purchase-intent model is fitted yet (it needs sessions with purchases in the store)');
      const events = d.sessions.recent(shopperId).filter((e) => e.sessionId === input.sessionId);
      return model.intent(input.sessionId, events);
    },
    'weights.get': () => d.weights.current(),
    'weights.set': (input) => d.weights.set(input.weights, input.note),
    'weights.history': () => d.weights.history(),
    'weights.rollback': (input) => {
      if (!d.weights.get(input.version)) throw new ContractError('not_found', `version: no fusion-weights version ${input.version}`, [{ path: 'version', message: 'not found' }]);
      return d.weights.rollback(input.version, input.note);
    },
    'rules.list': () => d.rules.list(),
    'rules.create': (input) => d.rules.create(input),
    'rules.update': (input) => d.rules.update(input.ruleId, input.patch),
    'rules.delete': (input) => d.rules.delete(input.ruleId),
  };
}
