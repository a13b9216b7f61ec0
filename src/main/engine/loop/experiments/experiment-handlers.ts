import type { Assessment, Confirmation, GuardedAction } from '../../../../shared/contract';
import type { CallContext, HandlerMap } from '../../rpc/handler-map';
import { actorOf as defaultActorOf } from '../audit/actor';
import type { ExperimentService } from './experiment-service';

/** The guarded-publishing check (the lead's guard): throws ContractError 'confirmation_required' when a reason is needed and missing. */
export interface ExperimentGuard {
  confirm(action: GuardedAction, confirm: Confirmation | undefined, actor: string): { assessment: Assessment } | Promise<{ assessment: Assessment }>;
}

export interface ExperimentHandlerDeps {
  service: ExperimentService;
  guard: ExperimentGuard;
  /** Who is recorded in the audit log for a call (the loop's `actorOf` by default). */
  actorOf?: (ctx: CallContext) => string;
}

/**
 * experiments.*: stop and promote change what shoppers see, so they are checked first (the
 * experiment exists, the arm can be promoted), then put to the guard, and the assessment and the
 * operator's reason go into the audit entry.
 */
export function experimentHandlers(d: ExperimentHandlerDeps): HandlerMap {
  const actorOf = d.actorOf ?? defaultActorOf;
  return {
    'experiments.list': () => d.service.list(),
    'experiments.create': (input, ctx) => d.service.create(input, actorOf(ctx)),
    'experiments.start': (input, ctx) => d.service.start(input.experimentId, actorOf(ctx)),
    'experiments.results': (input) => d.service.results(input.experimentId),
    'experiments.stop': async (input, ctx) => {
      const actor = actorOf(ctx);
      d.service.assertStoppable(input.experimentId);
      const { assessment } = await d.guard.confirm({ action: 'experiments.stop', experimentId: input.experimentId }, input.confirm, actor);
      return d.service.stop(input.experimentId, {
        actor,
        ...(input.confirm ? { reason: input.confirm.reason } : {}),
        detail: { assessment, confirmation: input.confirm ?? null },
      });
    },
    'experiments.promote': async (input, ctx) => {
      const actor = actorOf(ctx);
      d.service.assertPromotable(input.experimentId, input.armId);
      const { assessment } = await d.guard.confirm({ action: 'experiments.promote', experimentId: input.experimentId, armId: input.armId }, input.confirm, actor);
      return d.service.promote(input.experimentId, input.armId, { actor, detail: { assessment, confirmation: input.confirm ?? null } });
    },
  };
}
