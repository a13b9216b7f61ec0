import { Random } from '../engine/demo/random';
import type { ContractClient } from './contract-client';
import { ManualClock } from './manual-clock';
import { sessionConfig, type SessionConfig } from './session-config';
import { runSession, type ShownList } from './session-driver';
import { emptyCounters, type SessionOutcome, type SimulatorCounters } from './simulator-counters';
import type { SimulatorTruth } from './simulator-truth';

export interface BatchOptions {
  /** Seeds the sessions (default 1); the shoppers' tastes come from the truth's seed. */
  readonly seed?: number;
  /** Simulated time of the first arrival (default: now). Give it for runs that repeat exactly. */
  readonly startTs?: number;
  /**
   * Arrival rate in simulated time (default 600 sessions a minute). Each session runs on its own
   * ManualClock from its arrival, so a batch spans n / rate minutes of event time however fast it runs.
   */
  readonly ratePerMinute?: number;
  /** First session number (default 1): session ids are `<prefix><number>`. */
  readonly firstSession?: number;
  readonly session?: Partial<SessionConfig>;
  readonly onList?: (shown: ShownList) => void;
}

export interface BatchReport {
  readonly counters: SimulatorCounters;
  readonly sessions: readonly SessionOutcome[];
  /** Simulated time span of the batch, first arrival to last arrival. */
  readonly startTs: number;
  readonly endTs: number;
}

/**
 * Runs n sessions one after another as fast as the client answers (meant for an in-process
 * client: benches, estimator tests). Deterministic for a seed and startTs when the engine is.
 * The first failing call rejects the batch (a batch is a measurement; it must not hide failures).
 */
export async function runSessions(client: ContractClient, truth: SimulatorTruth, n: number, options: BatchOptions = {}): Promise<BatchReport> {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const seed = options.seed ?? 1;
  const rate = options.ratePerMinute ?? 600;
  if (!(rate > 0)) throw new RangeError(`ratePerMinute must be positive, got ${rate}`);
  const config = sessionConfig({ sessionIdPrefix: `sim-${seed}-`, ...options.session });
  const first = options.firstSession ?? 1;
  const arrivals = Random.stream(seed, 'sim-arrivals');
  const counters = emptyCounters();
  const sessions: SessionOutcome[] = [];
  const startTs = Math.round(options.startTs ?? Date.now());
  let ts = startTs;
  for (let i = 0; i < n; i++) {
    if (i > 0) ts += Math.round((-Math.log(1 - arrivals.next()) * 60_000) / rate);
    const sessionNo = first + i;
    counters.sessions++;
    const deps = { client, truth, clock: new ManualClock(ts), config, counters, ...(options.onList ? { onList: options.onList } : {}) };
    try {
      sessions.push(await runSession(deps, sessionNo, Random.stream(seed, `sim-session:${sessionNo}`)));
    } finally {
      counters.sessionsEnded++;
    }
  }
  return { counters, sessions, startTs, endTs: ts };
}
