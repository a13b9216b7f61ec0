import { IntentModelRegistry } from '../finetune/intent-model-registry';
import { ServingIntentModel } from '../finetune/serving-intent-model';
import { ArmIntentModels } from '../serving/arm-intent-models';
import { IntentModelSwitch } from '../serving/intent-model-switch';
import type { EngineCore } from './engine-core';

/** The intent models: the registry, the one that serves everyone (swapped when ready) and the experiment arms' (loaded in the background). */
export interface ModelServices {
  readonly intentModels: IntentModelRegistry;
  /** The intent model that serves everyone, and its changes (loaded in slices, swapped when ready, one change at a time). */
  readonly servedModel: IntentModelSwitch;
  /** The intent models the running experiments' arms name, loaded in slices when an experiment starts (its lists wait for none). */
  readonly armModels: ArmIntentModels;
  /** Loads a version in time slices, yielding to the engine's event loop between them (what serves keeps serving). */
  readonly loadAsync: (version: string) => Promise<ServingIntentModel>;
  /** Makes a version serve everyone (an experiment's arm promoted), after the changes asked before; the load fails before anything switches. */
  readonly promote: (version: string, actor: string) => Promise<void>;
}

/** `signal` is aborted at close: a model load still in flight stops. */
export function modelServices(core: EngineCore, signal: AbortSignal): ModelServices {
  const { late, audit } = core;
  const intentModels = new IntentModelRegistry(core.db, audit);
  const loadAsync = (version: string): Promise<ServingIntentModel> => ServingIntentModel.loadAsync(version, intentModels.pathOf(version), core.vectors, late.textVersion(), { signal });
  const servedModel = new IntentModelSwitch({
    load: loadAsync,
    audit,
    onLoad: (version) => late.serving()?.preload(version),
    onServe: (model) => model && late.serving()?.preload(model.version),
    signal,
  });
  const armModels = new ArmIntentModels({
    load: loadAsync,
    audit,
    serving: () => servedModel.current,
    onLoad: (version) => late.serving()?.preload(version),
    signal,
  });
  const promote = (version: string, actor: string): Promise<void> =>
    servedModel.serially(async () => {
      const model = await servedModel.load(version, actor);
      intentModels.promote(version, actor, { from: 'experiment' });
      servedModel.serve(model);
    });
  return { intentModels, servedModel, armModels, loadAsync, promote };
}
