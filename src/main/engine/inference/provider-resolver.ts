/**
 * The one execution-provider resolver for every ONNX Runtime session in the engine (text and
 * image encoders, intent-model serving, training graphs). `planProviders` turns the choice (the
 * engine setting, else INSTINCT_EXECUTION_PROVIDER, else auto) into an ordered list with CPU last,
 * dropping CUDA up front when its libraries are not on disk. `openOnProvider` opens a session on
 * the first provider whose warm-up run works and, when the session can say so, whose nodes ONNX
 * Runtime really placed on that provider; it records the outcome and logs one plain line.
 */
import type { InferenceLog } from './encoder-session';
import { SessionCreateError } from './errors';
import { parseProviderChoice, providersFor, type ExecutionProviderChoice, type ExecutionProviderName } from './execution-providers';
import { checkCudaLibraries, type ProviderLibraryProbe } from './provider-libraries';
import { recordSessionProvider, type SessionProviderRecord } from './provider-records';
import type { NodePlacement } from './ort-placement';

export const PROVIDER_ENV = 'INSTINCT_EXECUTION_PROVIDER';

export interface ProviderAttempt {
  provider: ExecutionProviderName;
  error: string;
}

export interface ProviderPlan {
  choice: ExecutionProviderChoice;
  /** Where the choice came from. */
  source: 'setting' | 'env' | 'default';
  /** Providers to try, in order, CPU last. */
  providers: ExecutionProviderName[];
  /** Providers left out before ORT was asked, and why (e.g. CUDA libraries absent). */
  skipped: ProviderAttempt[];
}

let settingChoice: ExecutionProviderChoice | undefined;

/** The engine's setting (EngineOptions.executionProvider); undefined returns to the env variable. */
export function setExecutionProviderSetting(choice: ExecutionProviderChoice | undefined): void {
  settingChoice = choice;
}

export interface PlanOptions {
  setting?: ExecutionProviderChoice;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  arch?: string;
  probe?: ProviderLibraryProbe;
}

export function planProviders(opts: PlanOptions = {}): ProviderPlan {
  const platform = opts.platform ?? process.platform;
  const arch = opts.arch ?? process.arch;
  const env = opts.env ?? process.env;
  const setting = opts.setting ?? settingChoice;
  const fromEnv = env[PROVIDER_ENV];
  const source: ProviderPlan['source'] = setting !== undefined ? 'setting' : fromEnv !== undefined && fromEnv.trim() !== '' ? 'env' : 'default';
  const choice = setting ?? parseProviderChoice(fromEnv, PROVIDER_ENV, platform, arch);
  const wanted = providersFor(platform, arch, choice === 'auto' ? undefined : choice);
  const skipped: ProviderAttempt[] = [];
  const providers = wanted.filter((p) => {
    if (p !== 'cuda') return true;
    const check = checkCudaLibraries({ platform, arch, env, ...opts.probe });
    if (!check.available) skipped.push({ provider: p, error: check.reason });
    return check.available;
  });
  return { choice, source, providers, skipped };
}

export interface OpenOnProviderSpec<S> {
  /** Session name for the record and the log line. */
  session: string;
  /** A plan, or an explicit provider list (tests, worker threads handed a list). */
  plan: ProviderPlan | readonly ExecutionProviderName[];
  open(provider: ExecutionProviderName): Promise<S>;
  /** One small run: some GPU providers create a session and fail on the first run. */
  warmUp(session: S): Promise<void>;
  /** ONNX Runtime's node placement after the warm-up, when the session can ask it. */
  placement?(session: S): Promise<NodePlacement | null>;
  release(session: S): Promise<void>;
  /** An error that no other provider would fix (a bad model): rethrown at once. */
  isFatal?(err: unknown, provider: ExecutionProviderName): boolean;
  log: InferenceLog;
  /** Where the session's file is, for errors. */
  modelPath?: string;
}

export interface OpenedSession<S> {
  session: S;
  record: SessionProviderRecord;
  /** Providers skipped or failed before the chosen one, with why. */
  failed: ProviderAttempt[];
}

const now = (): number => performance.now();

export async function openOnProvider<S>(spec: OpenOnProviderSpec<S>): Promise<OpenedSession<S>> {
  const plan: ProviderPlan = Array.isArray(spec.plan)
    ? { choice: 'auto', source: 'default', providers: [...(spec.plan as readonly ExecutionProviderName[])], skipped: [] }
    : (spec.plan as ProviderPlan);
  const providers = plan.providers.includes('cpu') ? plan.providers : [...plan.providers, 'cpu' as const];
  const failed: ProviderAttempt[] = [...plan.skipped];
  for (const provider of providers) {
    let session: S | undefined;
    const start = now();
    try {
      session = await spec.open(provider);
      await spec.warmUp(session);
      const warmUpMs = now() - start;
      const placement = spec.placement ? await spec.placement(session) : null;
      if (placement !== null && !(placement[provider] !== undefined && placement[provider] > 0)) {
        throw new Error(`ONNX Runtime ran none of its nodes on ${provider} (${describePlacement(placement)})`);
      }
      const record: SessionProviderRecord = {
        session: spec.session,
        provider,
        tried: [...plan.skipped.map((s) => s.provider), ...providers.slice(0, providers.indexOf(provider) + 1)],
        fallbackReason: failed.length > 0 ? failed.map((f) => `${f.provider}: ${f.error}`).join('; ') : null,
        placement,
        warmUpMs,
        at: Date.now(),
      };
      recordSessionProvider(record);
      // One plain line. A provider left out before ORT was asked (no CUDA libraries) is the normal
      // case on most machines: info. One that ORT tried and failed is worth a warning.
      const triedAndFailed = failed.length > plan.skipped.length;
      if (triedAndFailed) spec.log.warn(providerLine(record));
      else if (firstTime(record)) spec.log.info(providerLine(record));
      return { session, record, failed };
    } catch (err) {
      if (session !== undefined) await spec.release(session).catch(() => undefined);
      if (spec.isFatal?.(err, provider)) throw err;
      failed.push({ provider, error: err instanceof Error ? err.message : String(err) });
    }
  }
  throw new SessionCreateError(spec.modelPath ?? spec.session, failed);
}

/** Sessions of one name and outcome already announced in this thread: a training job opens its graphs once per member and per job. */
const announced = new Set<string>();

function firstTime(r: SessionProviderRecord): boolean {
  const key = `${r.session}|${r.provider}|${r.fallbackReason ?? ''}`;
  if (announced.has(key)) return false;
  announced.add(key);
  return true;
}

export function describePlacement(placement: NodePlacement): string {
  const parts = Object.entries(placement).map(([p, n]) => `${n} node${n === 1 ? '' : 's'} on ${p}`);
  return parts.length > 0 ? parts.join(', ') : 'no nodes profiled';
}

/** "text-encoder: cpu (cuda skipped: ...), warm-up 41 ms" */
export function providerLine(r: SessionProviderRecord): string {
  const why = r.fallbackReason === null ? '' : ` instead of "${r.tried[0]}" (${r.fallbackReason})`;
  return `${r.session}: execution provider "${r.provider}"${why}, warm-up ${r.warmUpMs.toFixed(0)} ms`;
}
