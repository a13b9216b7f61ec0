import type { HandlerMap } from '../../rpc/handler-map';
import { actorOf } from '../audit/actor';
import type { GuardService } from '../publishing/guard-service';
import type { PolicyService } from './policy-service';

/** policies.list / train / promote / rollback: promote and roll back go through the publishing guard. */
export function policyHandlers(d: { policies: PolicyService; guard: GuardService }): HandlerMap {
  return {
    'policies.list': () => d.policies.list(),
    'policies.train': (input) => d.policies.train(input),
    'policies.promote': async (input, ctx) => {
      const guarded = await d.guard.confirm({ action: 'policies.promote', version: input.version }, input.confirm);
      return { serving: d.policies.promote(input.version, actorOf(ctx), guarded) };
    },
    'policies.rollback': async (input, ctx) => {
      const guarded = await d.guard.confirm({ action: 'policies.rollback' }, input.confirm);
      return { serving: d.policies.rollback(actorOf(ctx), guarded) };
    },
  };
}
