/**
 * The live simulator on a worker thread of its own (simulator-worker.ts), seen from the engine's
 * thread. Its shoppers' think times, tastes, click model and list responses cost the engine's
 * thread nothing; what reaches it is their contract calls, each answered by the engine's
 * validating dispatcher and sent back, as an HTTP client's would be. Messages from the thread are
 * checked before anything is dispatched: an unknown method or a malformed message is answered with
 * a bad_request, never run.
 */
import type { Worker } from 'node:worker_threads';
import { ContractError, methods, type MethodName } from '../../shared/contract';
import type { ContractDispatcher } from './dispatcher-client';
import { emptyCounters } from './simulator-counters';
import type { ActiveCounters, FromSimulatorThread, SimulatorThreadConfig, ToSimulatorThread } from './thread-messages';

export interface SimulatorThread {
  /** The thread's totals now (with the sessions running). */
  counters(): Promise<ActiveCounters>;
  /** Stops the arrivals, waits for the sessions in flight and ends the thread; the final totals. */
  stop(): Promise<ActiveCounters>;
}

export interface SimulatorThreadOptions extends SimulatorThreadConfig {
  /** Where the thread's first error of each kind is reported (default console.warn). */
  readonly onLog?: (line: string) => void;
  /**
   * Starts simulator-worker.ts with `config` as its workerData (src/main/cli/simulator-worker-start.ts:
   * the simulator does not reach into the engine for its worker starter).
   */
  readonly startWorker: (config: SimulatorThreadConfig) => Worker;
}

/** Starts the thread; resolves once its shoppers are arriving (after it has read the catalogue through the contract). */
export function startSimulatorThread(dispatcher: ContractDispatcher, options: SimulatorThreadOptions): Promise<SimulatorThread> {
  const { onLog = (line: string) => console.warn(line), startWorker, ...config } = options;
  const worker = startWorker(config);
  const waiting: { counters: Array<(c: ActiveCounters) => void>; stopped: Array<(c: ActiveCounters) => void> } = { counters: [], stopped: [] };
  let exited = false;
  let last: ActiveCounters | undefined;
  const post = (message: ToSimulatorThread): void => {
    if (!exited) worker.postMessage(message);
  };
  const answer = (id: number, method: string, input: unknown): void => {
    if (!(method in methods)) {
      post({ type: 'result', id, ok: false, error: { code: 'bad_request', message: `unknown method: ${method}` } });
      return;
    }
    dispatcher.call(method as MethodName, input).then(
      (value) => post({ type: 'result', id, ok: true, value }),
      (err: unknown) => post({ type: 'result', id, ok: false, error: err instanceof ContractError ? { code: err.code, message: err.message, ...(err.issues.length ? { issues: err.issues } : {}) } : { code: null, message: err instanceof Error ? err.message : String(err) } }),
    );
  };
  const ask = (what: 'counters' | 'stop'): Promise<ActiveCounters> => {
    if (exited) return Promise.resolve(last ?? { ...emptyCounters(), activeSessions: 0 });
    return new Promise((r) => {
      (what === 'stop' ? waiting.stopped : waiting.counters).push(r);
      post({ type: what });
    });
  };
  return new Promise<SimulatorThread>((resolveStart, rejectStart) => {
    const thread: SimulatorThread = {
      counters: () => ask('counters'),
      stop: () => ask('stop'),
    };
    worker.on('message', (m: FromSimulatorThread) => {
      if (typeof m !== 'object' || m === null) return;
      switch (m.type) {
        case 'call':
          if (Number.isInteger(m.id) && typeof m.method === 'string') answer(m.id, m.method, m.input);
          return;
        case 'started':
          resolveStart(thread);
          return;
        case 'start-failed':
          rejectStart(new Error(`the simulator could not start: ${m.message}`));
          return;
        case 'log':
          onLog(String(m.line));
          return;
        case 'counters':
          last = m.counters;
          for (const r of waiting.counters.splice(0)) r(m.counters);
          return;
        case 'stopped':
          last = m.counters;
          for (const r of waiting.stopped.splice(0)) r(m.counters);
          return;
      }
    });
    worker.on('error', (err) => {
      // Before it started, the start fails with this; after, the thread ends here and says so once.
      const failed = new Error(`the simulator thread failed: ${err.message}`);
      onLog(failed.message);
      rejectStart(failed);
    });
    worker.on('exit', () => {
      exited = true;
      rejectStart(new Error('the simulator thread exited before it started'));
      const final = last ?? { ...emptyCounters(), activeSessions: 0 };
      for (const r of [...waiting.counters.splice(0), ...waiting.stopped.splice(0)]) r(final);
    });
  });
}
