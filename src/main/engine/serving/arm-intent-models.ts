import type { ArmModelStatus } from '../../../shared/contract';
import type { ServingIntentModel } from '../finetune/serving-intent-model';

export interface ArmIntentModelsDeps {
  /** Loads a version without stalling the thread (ServingIntentModel.loadAsync over the registry's path). */
  readonly load: (version: string) => Promise<ServingIntentModel>;
  /** Where a failed load is recorded (`model.load_failed`, actor `engine`). */
  readonly audit: { record(actor: string, action: string, target?: string, detail?: unknown): unknown };
  /** The model that serves everyone: an arm naming its version shares it instead of loading a copy. */
  readonly serving?: () => ServingIntentModel | undefined;
  /** Told when a load starts (the serving workers load it alongside). */
  readonly onLoad?: (version: string) => void;
  readonly log?: { error(message: string): void };
  /** Aborted when the engine closes: a load it stops is not a failure to report. */
  readonly signal?: AbortSignal;
}

type Entry =
  | { state: 'loading'; readonly loaded: Promise<void>; experiments: string[] }
  | { state: 'ready'; readonly model: ServingIntentModel; experiments: string[] }
  | { state: 'failed'; readonly error: string; experiments: string[] };

/**
 * The intent models the running experiments' arms name, loaded in slices in the background (never
 * on a list's path): `track` is told the running experiments whenever they change (and at start),
 * loads the versions not loaded yet and lets go of the ones no running experiment names. A list
 * asks `status` and gets the model only once it is loaded; a failed load is audited and logged,
 * and stays failed until the experiments naming it stop (or the engine restarts).
 */
export class ArmIntentModels {
  private readonly entries = new Map<string, Entry>();
  private readonly log: NonNullable<ArmIntentModelsDeps['log']>;

  constructor(private readonly deps: ArmIntentModelsDeps) {
    this.log = deps.log ?? { error: (m) => console.error(m) };
  }

  /** Loads what the running experiments' arms name (versions by experiment id) and drops what none names any more. */
  track(byExperiment: ReadonlyMap<string, readonly string[]>): void {
    const wanted = new Map<string, string[]>();
    for (const [experimentId, versions] of byExperiment) {
      for (const version of versions) wanted.set(version, [...(wanted.get(version) ?? []), experimentId]);
    }
    for (const version of [...this.entries.keys()]) if (!wanted.has(version)) this.entries.delete(version);
    for (const [version, experiments] of wanted) {
      const known = this.entries.get(version);
      if (known) known.experiments = experiments;
      else this.start(version, experiments);
    }
  }

  /** How an arm's version stands (undefined: no running experiment names it). */
  status(version: string): ArmModelStatus['state'] | undefined {
    return this.entries.get(version)?.state;
  }

  /** Every version the running experiments name, with its state (and the error of a failed load). */
  statuses(versions?: readonly string[]): ArmModelStatus[] {
    const names = versions ?? [...this.entries.keys()];
    return names.flatMap((version) => {
      const entry = this.entries.get(version);
      if (!entry) return [];
      return [{ version, state: entry.state, error: entry.state === 'failed' ? entry.error : null }];
    });
  }

  /** A loaded arm model; throws, naming the version and its state, if it is not loaded. */
  model(version: string): ServingIntentModel {
    const entry = this.entries.get(version);
    if (entry?.state === 'ready') return entry.model;
    const why = !entry ? 'no running experiment names it' : entry.state === 'loading' ? 'it is still loading' : `its load failed: ${entry.error}`;
    throw new Error(`intent model ${version} is not loaded for an experiment arm: ${why}`);
  }

  /** Resolves once no load is in flight (tests, and a caller that wants to wait on purpose). */
  async whenSettled(): Promise<void> {
    for (;;) {
      const loading = [...this.entries.values()].flatMap((e) => (e.state === 'loading' ? [e.loaded] : []));
      if (loading.length === 0) return;
      await Promise.all(loading);
    }
  }

  private start(version: string, experiments: string[]): void {
    const serving = this.deps.serving?.();
    if (serving?.version === version) {
      this.entries.set(version, { state: 'ready', model: serving, experiments });
      return;
    }
    let loading: Promise<ServingIntentModel>;
    try {
      loading = this.deps.load(version);
    } catch (err) {
      loading = Promise.reject(err);
    }
    const loaded = loading.then(
      (model) => {
        const entry = this.entries.get(version);
        // Dropped (its experiments stopped) or replaced while it loaded: not kept.
        if (entry?.state !== 'loading' || entry.loaded !== loaded) return;
        this.entries.set(version, { state: 'ready', model, experiments: entry.experiments });
      },
      (err: unknown) => {
        const entry = this.entries.get(version);
        if (entry?.state !== 'loading' || entry.loaded !== loaded || this.deps.signal?.aborted) return;
        const error = err instanceof Error ? err.message : String(err);
        this.entries.set(version, { state: 'failed', error, experiments: entry.experiments });
        this.deps.audit.record('engine', 'model.load_failed', version, { error, use: 'experiment arm', experiments: entry.experiments });
        this.log.error(`[experiments] intent model ${version} could not be loaded for the arms of ${entry.experiments.join(', ')}; those experiments serve no one until it is fixed: ${error}`);
      },
    );
    this.entries.set(version, { state: 'loading', loaded, experiments });
    try {
      this.deps.onLoad?.(version);
    } catch {
      // The workers are told again when a list names it; the engine's own load goes on.
    }
  }
}
