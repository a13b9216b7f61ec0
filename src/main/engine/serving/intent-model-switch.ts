import { ContractError } from '../../../shared/contract';
import type { ServingIntentModel } from '../finetune/serving-intent-model';
import type { AuditLog } from '../store';

export interface IntentModelSwitchDeps {
  /** Loads a version without stalling the thread (ServingIntentModel.loadAsync over the registry's path). */
  readonly load: (version: string) => Promise<ServingIntentModel>;
  readonly audit: AuditLog;
  /** Told when a load starts (the serving workers load it alongside). */
  readonly onLoad?: (version: string) => void;
  /** Told after each swap (the serving workers preload the new model). */
  readonly onServe?: (model: ServingIntentModel | undefined) => void;
  readonly log?: { error(message: string): void };
  /** Aborted when the engine closes: a load it stops is not a failure to report. */
  readonly signal?: AbortSignal;
}

/**
 * The intent model that serves everyone, and the changes to it (the start-up load, promote, roll
 * back, an experiment's publish). A version is loaded in the background while the one before it
 * keeps serving; the swap is one assignment once the load has finished, so a request is answered
 * by the old model or the new one, never a half-loaded one. Changes run one at a time in the order
 * asked: of two promotes in quick succession, the later ends serving. A load that fails changes
 * nothing, is written to the audit log (`model.load_failed`) and the log, and rejects.
 */
export class IntentModelSwitch {
  private model: ServingIntentModel | undefined;
  private tail: Promise<void> = Promise.resolve();
  private readonly log: NonNullable<IntentModelSwitchDeps['log']>;

  constructor(private readonly deps: IntentModelSwitchDeps) {
    this.log = deps.log ?? { error: (m) => console.error(m) };
  }

  /** What serves now (undefined: the text intent). */
  get current(): ServingIntentModel | undefined {
    return this.model;
  }

  /** Runs a change after every change asked before it has ended, whatever their outcome. */
  serially<T>(change: () => Promise<T>): Promise<T> {
    const run = this.tail.then(change);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Loads a version to serve; what serves is untouched. A failure (not a request error such as an unknown version) is audited and logged, then rethrown. */
  async load(version: string, actor: string): Promise<ServingIntentModel> {
    try {
      const loading = this.deps.load(version);
      try {
        this.deps.onLoad?.(version);
      } catch {
        // An unknown version: the load itself rejects and says so.
      }
      return await loading;
    } catch (err) {
      if (err instanceof ContractError || this.deps.signal?.aborted) throw err;
      const message = err instanceof Error ? err.message : String(err);
      this.deps.audit.record(actor, 'model.load_failed', version, { error: message });
      this.log.error(`[engine] intent model ${version} could not be loaded; ${this.model ? `${this.model.version} still serves` : 'the text intent still serves'}: ${message}`);
      throw err;
    }
  }

  /** Makes `model` serve from the next request on (undefined: the text intent). */
  serve(model: ServingIntentModel | undefined): void {
    this.model = model;
    this.deps.onServe?.(model);
  }
}
