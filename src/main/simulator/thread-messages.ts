/**
 * What the simulator's worker thread (simulator-worker.ts) and the engine's side of it
 * (simulator-thread.ts) say to each other: the simulated shoppers' contract calls one way, their
 * results the other, and the thread's own start, counters and stop.
 */
import { ERROR_CODES, type ErrorCode, type FieldIssue } from '../../shared/contract';
import type { SimulatorCounters } from './simulator-counters';
import type { SimulatorTruthOptions } from './simulator-truth';

/** The worker's `workerData`. */
export interface SimulatorThreadConfig {
  /** Seeds the shop floor and the shoppers' tastes (SimulatorTruthOptions). */
  readonly truth: Pick<SimulatorTruthOptions, 'seed' | 'shoppers'>;
  readonly ratePerMinute: number;
  readonly speed: number;
  /** Seeds arrivals and sessions (default: the time at start). */
  readonly seed?: number;
  /** Report the first error of each kind on the engine's console (default true). */
  readonly log?: boolean;
}

export type ActiveCounters = SimulatorCounters & { activeSessions: number };

export type CallFailure = { code: ErrorCode | null; message: string; issues?: FieldIssue[] };

export type ToSimulatorThread =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: CallFailure }
  | { type: 'counters' }
  | { type: 'stop' };

export type FromSimulatorThread =
  | { type: 'call'; id: number; method: string; input: unknown }
  | { type: 'started' }
  | { type: 'start-failed'; message: string }
  | { type: 'counters'; counters: ActiveCounters }
  | { type: 'stopped'; counters: ActiveCounters }
  | { type: 'log'; line: string };

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}
