import { ContractError } from '../../../shared/contract';
import { actorOf } from '../loop/audit/actor';
import type { GuardService } from '../loop/publishing/guard-service';
import type { HandlerMap } from '../rpc/handler-map';
import { startFineTune, type FineTuneDeps } from './finetune-job';
import { resumeFineTune } from './finetune-resume';
import type { IntentModelRegistry } from './intent-model-registry';
import type { ServingIntentModel } from './serving-intent-model';

export interface ModelHandlerDeps {
  fineTune: FineTuneDeps;
  registry: IntentModelRegistry;
  /** Loads a version for serving without stalling the engine (what serves keeps serving); rejects (file missing, corrupt) before anything is switched. */
  load: (version: string, actor: string) => Promise<ServingIntentModel>;
  /** Swaps what serves: the next request uses it, no restart. */
  swap: (model: ServingIntentModel | undefined) => void;
  /** Runs promotes and roll backs one at a time in the order asked, so the later of two ends serving (default: as they come). */
  serially?: <T>(change: () => Promise<T>) => Promise<T>;
  /** Asks for a reason when the change is worse than what serves (absent in tests of the registry alone). */
  guard?: GuardService;
}

export function modelHandlers(d: ModelHandlerDeps): HandlerMap {
  const serially = d.serially ?? (<T>(change: () => Promise<T>) => change());
  const promote = async (version: string, actor: string, detail?: Record<string, unknown>) => {
    let loaded: ServingIntentModel;
    try {
      loaded = await d.load(version, actor);
    } catch (err) {
      if (err instanceof ContractError) throw err;
      throw new ContractError('conflict', `version ${version} cannot serve: ${err instanceof Error ? err.message : String(err)}`);
    }
    const serving = d.registry.promote(version, actor, detail);
    d.swap(loaded);
    return { serving };
  };
  return {
    'finetune.start': (input) => startFineTune(d.fineTune, input),
    'finetune.resume': (input) => resumeFineTune(d.fineTune, input.jobId),
    'models.list': () => d.registry.list(),
    'models.promote': (input, ctx) =>
      serially(async () => {
        const guarded = await d.guard?.confirm({ action: 'models.promote', version: input.version }, input.confirm);
        return promote(input.version, actorOf(ctx), guarded);
      }),
    'models.rollback': (input, ctx) =>
      serially(async () => {
        const guarded = await d.guard?.confirm({ action: 'models.rollback' }, input.confirm);
        const previous = d.registry.previous();
        if (previous) return promote(previous.version, actorOf(ctx), { rollback: true, ...guarded });
        d.registry.demote(actorOf(ctx), guarded);
        d.swap(undefined);
        return { serving: null };
      }),
  };
}
