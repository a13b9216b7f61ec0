import { ContractError } from '../../../shared/contract';
import type { HandlerMap } from '../rpc/handler-map';
import { startFineTune, type FineTuneDeps } from './finetune-job';
import { resumeFineTune } from './finetune-resume';
import type { IntentModelRegistry } from './intent-model-registry';
import type { ServingIntentModel } from './serving-intent-model';

export interface ModelHandlerDeps {
  fineTune: FineTuneDeps;
  registry: IntentModelRegistry;
  /** Loads a version for serving; throws (file missing, corrupt) before anything is switched. */
  load: (version: string) => ServingIntentModel;
  /** Swaps what serves: the next request uses it, no restart. */
  swap: (model: ServingIntentModel | undefined) => void;
}

export function modelHandlers(d: ModelHandlerDeps): HandlerMap {
  const promote = (version: string, actor: string) => {
    let loaded: ServingIntentModel;
    try {
      loaded = d.load(version);
    } catch (err) {
      if (err instanceof ContractError) throw err;
      throw new ContractError('conflict', `version ${version} cannot serve: ${err instanceof Error ? err.message : String(err)}`);
    }
    const serving = d.registry.promote(version, actor);
    d.swap(loaded);
    return { serving };
  };
  return {
    'finetune.start': (input) => startFineTune(d.fineTune, input),
    'finetune.resume': (input) => resumeFineTune(d.fineTune, input.jobId),
    'models.list': () => d.registry.list(),
    'models.promote': (input, ctx) => promote(input.version, ctx.transport),
    'models.rollback': (_input, ctx) => {
      const previous = d.registry.previous();
      if (previous) return promote(previous.version, ctx.transport);
      d.registry.demote(ctx.transport);
      d.swap(undefined);
      return { serving: null };
    },
  };
}
