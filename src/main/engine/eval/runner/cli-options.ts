import { REQUEST_DEFAULTS, type EvaluationRequest } from './run-evaluation';
import { DEFAULT_RESULTS_DIR } from './results-store';

export interface EvalCliOptions {
  request: EvaluationRequest;
  json: boolean;
  /** Where results are stored (every run is); null only for programmatic callers (tests). */
  outDir: string | null;
  /** Second model for a paired comparison on the same cases. */
  compare: string | null;
  /** Training seeds to run (`--seeds N`): mean, standard deviation and each run. */
  seeds: number;
  /** Write the configuration (for `…:auto`, the selection) to eval/frozen/<dataset>.json after a validation run. */
  freeze: boolean;
}

export const EVAL_USAGE = `usage: npm run eval -- --dataset <beauty|scientific|yoochoose-100k|diginetica-sample|path> --model <spec>
  [--fold validation|test] [--seeds N] [--freeze] [--json] [--masked] [--compare <spec>] [--out <dir>]
  [--resamples N] [--seed N] [--cold-max-count N] [--max-cases N]
  The fold is validation unless --fold test; the test fold runs only configurations frozen in
  eval/frozen/<dataset>.json (freeze one with --freeze on a validation run). Every run is stored.
models: popularity | itemknn[:lastN=5,decay=0.8,window=0,distanceDecay=1,direction=both,neighbours=200]
        transitions[:backoffWeight=0.01,<itemknn params>] | vsknn[:k=100,sampleSize=500]
        intent[:d=64,dropout=0.3,text=1,attrs=0,refit=3,ensemble=2,...] (docs/INTENT_MODEL.md)
        intent:auto[,budget=900] | itemknn:auto | transitions:auto | vsknn:auto | baseline:auto  (chosen on validation)
        reference:<ar|sr|vsknn|gru4rec>  (yoochoose-100k: score session-rec's stored lists)`;

/** Parses `--key value` flags; throws with the usage text on anything unknown or missing. */
export function parseEvalArgs(argv: string[]): EvalCliOptions {
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--no-store') throw new Error('--no-store is gone: every run, validation included, is stored with its configuration, code version and seed (docs/EVALUATION.md)');
    if (arg === '--json' || arg === '--masked' || arg === '--freeze') switches.add(arg);
    else if (arg.startsWith('--') && argv[i + 1] !== undefined) flags.set(arg, argv[++i] as string);
    else throw new Error(`unexpected argument "${arg}"\n${EVAL_USAGE}`);
  }
  const known = ['--dataset', '--model', '--fold', '--compare', '--out', '--resamples', '--seed', '--cold-max-count', '--max-cases', '--seeds'];
  for (const key of flags.keys()) if (!known.includes(key)) throw new Error(`unknown flag ${key}\n${EVAL_USAGE}`);
  const dataset = flags.get('--dataset');
  const model = flags.get('--model');
  if (dataset === undefined || model === undefined) throw new Error(`--dataset and --model are required\n${EVAL_USAGE}`);
  const fold = flags.get('--fold') ?? REQUEST_DEFAULTS.fold;
  if (fold !== 'test' && fold !== 'validation') throw new Error(`--fold must be test or validation`);
  const int = (key: string, fallback: number): number => {
    const raw = flags.get(key);
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${key} must be a non-negative integer`);
    return value;
  };
  const maxCases = flags.get('--max-cases');
  const request: EvaluationRequest = {
    dataset,
    model,
    masked: switches.has('--masked'),
    fold,
    resamples: int('--resamples', REQUEST_DEFAULTS.resamples),
    seed: int('--seed', REQUEST_DEFAULTS.seed),
    coldMaxCount: int('--cold-max-count', REQUEST_DEFAULTS.coldMaxCount),
  };
  if (maxCases !== undefined) request.maxCases = int('--max-cases', 0);
  const seeds = int('--seeds', 1);
  if (seeds < 1) throw new Error('--seeds must be at least 1');
  const freeze = switches.has('--freeze');
  if (freeze && fold === 'test') throw new Error('--freeze freezes a configuration chosen on the validation fold; it cannot come from a test run');
  if (freeze && maxCases !== undefined) throw new Error('--freeze needs a run on every validation case (no --max-cases)');
  return {
    request,
    json: switches.has('--json'),
    outDir: flags.get('--out') ?? DEFAULT_RESULTS_DIR,
    compare: flags.get('--compare') ?? null,
    seeds,
    freeze,
  };
}
