import type { FineTuneDeps } from './finetune/finetune-job';
import type { ExecutionProviderChoice } from './inference/execution-providers';
import type { AfterPurchaseSettings } from './recommend/after-purchase';
import type { OffloadWhen } from './recommend/recommend-service';
import type { SuggestionSettings } from './retrieval/query-suggestions/suggestion-index';
import type { Durability } from './store';
import type { WalCheckpointMode } from './store/wal-checkpointer';

/** How an engine is opened: its data folder and what the host (desktop app, headless server, CLI, tests) overrides. */
export interface EngineOptions {
  dataDir: string;
  durability?: Durability;
  /**
   * Who checkpoints the store's WAL: 'background' (a worker thread on its own connection) or
   * 'engine-thread' (the engine's commits). Default: INSTINCT_WAL_CHECKPOINTS, else 'background'.
   * docs/IMPORT.md "WAL checkpoints".
   */
  walCheckpoints?: WalCheckpointMode;
  /** Events further ahead of this machine's clock are refused (default 24 h, or INSTINCT_MAX_FUTURE_SKEW_MS). */
  maxFutureSkewMs?: number;
  /** Shown in engine.info: 'electron', 'headless', 'cli'. */
  host?: string;
  /** Where the text encoder lives (default: models/text-encoder, or INSTINCT_MODELS_DIR). */
  textModelDir?: string;
  /** Worker threads of the catalogue embedding job (default: INSTINCT_ENCODER_WORKERS, else one per core up to 4; 0 = in-process). */
  encoderWorkers?: number;
  /** Offline evaluation results shown by the console (default .data/eval-results, as `npm run eval` writes). */
  evalResultsDir?: string;
  /**
   * Worker threads that rank recommend and search lists, each on a replica of the index and
   * catalogue (default: INSTINCT_SERVING_WORKERS, else 1 on a machine with two cores or more; 0 =
   * every list on the engine's thread). docs/RECOMMENDATION.md "Serving on several cores".
   */
  servingWorkers?: number;
  /** When a list goes to a serving worker: 'busy' (default: only while other requests are in flight) or 'always'. */
  servingOffload?: OffloadWhen;
  /** How long recommendation lists leave out substitutes of a purchase (default 0: off). docs/RECOMMENDATION.md. */
  afterPurchase?: AfterPurchaseSettings;
  /** false: store events without joining rewards to lists (an ingest-only engine; the loop bench's baseline). Default true. */
  attribution?: boolean;
  /** Type-ahead from past queries: distinct-shopper threshold, decay, weights (docs/SEARCH.md "Query suggestions"). */
  querySuggestions?: Partial<SuggestionSettings>;
  /**
   * Which ONNX Runtime execution provider every session tries first: 'auto' (the platform's table),
   * 'cpu', 'cuda', or 'dml'/'coreml' on their platforms; CPU is always the fallback. Default:
   * INSTINCT_EXECUTION_PROVIDER, else auto. docs/GPU.md.
   */
  executionProvider?: ExecutionProviderChoice;
  /** The app's settings file (default: settings.json in the data folder, as the headless engine keeps it). */
  settingsFile?: string;
  /** The log folder, shown by the console's "Reveal logs" (default: the headless layout's, .data/logs or INSTINCT_LOGS_DIR). */
  logsDir?: string;
  /** Where the models' manifests are, for the About box (default: the text encoder's parent folder). */
  modelsDir?: string;
  /** The desktop app's version (app.getVersion()); default ENGINE_VERSION. */
  appVersion?: string;
  /** The desktop app shows the log folder in the file manager; only requests over IPC use it. */
  revealLogs?: (logsDir: string) => void;
  /** Smaller intent models for tests (defaults: the evaluated configuration), a shorter automatic selection, and a wrapper of the training run to observe it. */
  fineTune?: Pick<FineTuneDeps, 'modelConfig' | 'trainingConfig' | 'train' | 'members' | 'autoBudgetSeconds'>;
}
