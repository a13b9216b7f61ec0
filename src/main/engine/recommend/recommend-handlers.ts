import { ContractError, type Rule } from '../../../shared/contract';
import type { FusionWeightStore, ImpressionLog, PurchaseIntentModel, RuleStore } from '../ranking';
import { actorOf } from '../loop/audit/actor';
import type { GuardService } from '../loop/publishing/guard-service';
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
  /** Asks for a reason when a change is worse than what serves. */
  guard?: GuardService;
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
    'weights.set': async (input, ctx) => {
      const guarded = await d.guard?.confirm({ action: 'weights.set', weights: input.weights }, input.confirm);
      return d.weights.set(input.weights, input.note, { actor: actorOf(ctx), ...(guarded ? { detail: guarded } : {}) });
    },
    'weights.history': () => d.weights.history(),
    'weights.rollback': async (input, ctx) => {
      if (!d.weights.get(input.version)) throw new ContractError('not_found', `version: no fusion-weights version ${input.version}`, [{ path: 'version', message: 'not found' }]);
      const guarded = await d.guard?.confirm({ action: 'weights.rollback', version: input.version }, input.confirm);
      return d.weights.rollback(input.version, input.note, { actor: actorOf(ctx), ...(guarded ? { detail: guarded } : {}) });
    },
    'rules.list': () => d.rules.list(),
    'rules.options': () => d.rules.options(),
    'rules.preview': (input) => {
      checkRuleIds(d.rules, input.ruleIds);
      return d.service.previewRules(input, input.draft ? draftRule(d.rules, input.draft, input.replaces) : undefined);
    },
    'rules.create': async (input, ctx) => {
      const { confirm, ...rule } = input;
      const guarded = rule.enabled ? await d.guard?.confirm({ action: 'rules.save', rule }, confirm) : undefined;
      return d.rules.create(rule, { actor: actorOf(ctx), ...(guarded ? { detail: guarded } : {}) });
    },
    'rules.update': async (input, ctx) => {
      // Only a rule that will be enabled after the update can change what shoppers see for the worse.
      const enabledAfter = d.rules.preview(input.ruleId, input.patch).enabled;
      const guarded = enabledAfter ? await d.guard?.confirm({ action: 'rules.save', ruleId: input.ruleId, rule: input.patch }, input.confirm) : undefined;
      return d.rules.update(input.ruleId, input.patch, { actor: actorOf(ctx), ...(guarded ? { detail: guarded } : {}) });
    },
    'rules.delete': (input, ctx) => d.rules.delete(input.ruleId, { actor: actorOf(ctx) }),
  };
}

/**
 * Every rule named for a preview must exist, as `replaces` must: an unknown id was dropped silently
 * (the answer's ruleIds came back empty, its before and after alike).
 */
function checkRuleIds(rules: Pick<RuleStore, 'get'>, ruleIds: readonly string[] | undefined): void {
  const missing = (ruleIds ?? []).flatMap((id, i) => (rules.get(id) ? [] : [{ id, path: `ruleIds.${i}` }]));
  if (missing.length === 0) return;
  throw new ContractError(
    'not_found',
    `ruleIds: no rule ${missing.map((m) => m.id).join(', ')}`,
    missing.map((m) => ({ path: m.path, message: 'not found' })),
  );
}

/**
 * A draft is validated as rules.create (or, replacing a stored rule, rules.update) validates it:
 * unknown items, brands, categories and slots are named under `draft.`. It is never stored.
 */
function draftRule(rules: Pick<RuleStore, 'preview' | 'get'>, draft: unknown, replaces: string | undefined): Rule {
  if (replaces !== undefined && !rules.get(replaces)) throw new ContractError('not_found', `replaces: no rule ${replaces}`, [{ path: 'replaces', message: 'not found' }]);
  try {
    return rules.preview(replaces, draft);
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    throw new ContractError(error.code, `draft: ${error.message}`, error.issues.map((i) => ({ ...i, path: `draft.${i.path}` })));
  }
}
