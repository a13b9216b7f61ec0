import { setMaxListeners } from 'node:events';
import { Random } from '../engine/demo/random';
import { SimulatorCallError } from './call-error';
import { SystemClock, type Clock } from './clock';
import type { ContractClient } from './contract-client';
import { ErrorTally } from './error-tally';
import { sessionConfig, type SessionConfig } from './session-config';
import { runSession, type ShownList } from './session-driver';
import { emptyCounters, type SimulatorCounters } from './simulator-counters';
import type { SimulatorTruth } from './simulator-truth';

export interface LiveSimulatorOptions {
  readonly client: ContractClient;
  readonly truth: SimulatorTruth;
  /** Mean arrivals per minute of the clock, Poisson (default 30: lively but light). */
  readonly ratePerMinute?: number;
  /** Divides the shoppers' think times (default 1, real pace); arrivals keep their rate. */
  readonly speed?: number;
  /** Most sessions at once; arrivals beyond it are turned away and counted (default 100). */
  readonly maxConcurrent?: number;
  /** Seeds arrivals and sessions (default: the clock's time at start). */
  readonly seed?: number;
  /** Default: wall-clock time and real timers. */
  readonly clock?: Clock;
  readonly session?: Partial<Omit<SessionConfig, 'speed'>>;
  /** Where the first error of each kind is reported (default console.warn). */
  readonly log?: (line: string) => void;
  readonly onList?: (shown: ShownList) => void;
}

/**
 * Simulated shoppers arriving in real time, for the demo: Poisson arrivals, concurrent sessions up
 * to a cap, counters of what they did. An engine error ends only the session that met it: it is
 * counted and the first of its kind logged. `stop()` ends the arrivals, lets every session finish
 * the call it is in, and resolves when all have ended.
 */
export class LiveSimulator {
  readonly ratePerMinute: number;
  private readonly clock: Clock;
  private readonly maxConcurrent: number;
  private readonly totals = emptyCounters();
  private readonly errors: ErrorTally;
  private readonly active = new Set<Promise<void>>();
  private controller: AbortController | undefined;
  private arrivalLoop: Promise<void> | undefined;
  private sessionNo = 0;

  constructor(private readonly options: LiveSimulatorOptions) {
    this.ratePerMinute = options.ratePerMinute ?? 30;
    if (!(this.ratePerMinute > 0)) throw new RangeError(`ratePerMinute must be positive, got ${this.ratePerMinute}`);
    this.maxConcurrent = options.maxConcurrent ?? 100;
    if (!Number.isInteger(this.maxConcurrent) || this.maxConcurrent < 1) throw new RangeError(`maxConcurrent must be a positive integer, got ${this.maxConcurrent}`);
    this.clock = options.clock ?? new SystemClock();
    this.errors = new ErrorTally(options.log ?? ((line) => console.warn(line)));
  }

  get running(): boolean {
    return this.controller !== undefined && !this.controller.signal.aborted;
  }

  /** Starts the arrivals (a second start while running does nothing). */
  start(): void {
    if (this.running) return;
    const controller = new AbortController();
    // Every sleeping session listens on this one signal.
    setMaxListeners(0, controller.signal);
    this.controller = controller;
    const seed = this.options.seed ?? this.clock.now();
    const config = sessionConfig({ sessionIdPrefix: `sim-${Math.round(this.clock.now()).toString(36)}-`, ...this.options.session, speed: this.options.speed ?? 1 });
    this.arrivalLoop = this.arrive(seed, config, controller.signal);
  }

  /** Stops the arrivals and waits for the sessions in flight to end. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.arrivalLoop;
    while (this.active.size > 0) await Promise.all([...this.active]);
  }

  /** A snapshot of the totals, with the sessions now running. */
  counters(): SimulatorCounters & { activeSessions: number } {
    return { ...this.totals, activeSessions: this.active.size };
  }

  /** Errors so far, per kind (`recommend internal`, ...). */
  errorKinds(): Record<string, number> {
    return this.errors.kinds();
  }

  private async arrive(seed: number, config: SessionConfig, signal: AbortSignal): Promise<void> {
    const arrivals = Random.stream(seed, 'sim-arrivals');
    const meanGapMs = 60_000 / this.ratePerMinute;
    while (!signal.aborted) {
      await this.clock.sleep(-Math.log(1 - arrivals.next()) * meanGapMs, signal);
      if (signal.aborted) break;
      if (this.active.size >= this.maxConcurrent) this.totals.droppedArrivals++;
      else this.launch(seed, config, signal);
    }
  }

  private launch(seed: number, config: SessionConfig, signal: AbortSignal): void {
    const sessionNo = ++this.sessionNo;
    this.totals.sessions++;
    const deps = { client: this.options.client, truth: this.options.truth, clock: this.clock, config, signal, counters: this.totals, ...(this.options.onList ? { onList: this.options.onList } : {}) };
    const session: Promise<void> = runSession(deps, sessionNo, Random.stream(seed, `sim-session:${sessionNo}`))
      .then(
        () => undefined,
        (err: unknown) => {
          // Call errors were counted by the session as they happened; anything else is counted here.
          if (!(err instanceof SimulatorCallError)) this.totals.errors++;
          this.errors.record(err);
        },
      )
      .finally(() => {
        this.totals.sessionsEnded++;
        this.active.delete(session);
      });
    this.active.add(session);
  }
}
