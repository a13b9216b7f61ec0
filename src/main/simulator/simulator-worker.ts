/**
 * worker_threads entry of the simulator (simulator-thread.ts starts it): the simulated shoppers,
 * their ground truth and their think-time timers live on this thread, so the engine's thread only
 * answers their contract calls, as it would answer any client's. Every call goes through the port
 * to the engine's validating dispatcher.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { ContractError, type MethodName, type MethodOutput } from '../../shared/contract';
import { loadSimulatorTruth } from './catalogue-source';
import type { ContractClient } from './contract-client';
import { LiveSimulator } from './live-simulator';
import { isErrorCode, type FromSimulatorThread, type SimulatorThreadConfig, type ToSimulatorThread } from './thread-messages';

function parent(): MessagePort {
  if (parentPort === null) throw new Error('simulator-worker.ts must run inside a worker thread');
  return parentPort;
}

const port = parent();
const send = (message: FromSimulatorThread): void => port.postMessage(message);
const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
let nextId = 1;

const client: ContractClient = {
  call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> {
    const id = nextId++;
    return new Promise<MethodOutput<M>>((resolve, reject) => {
      pending.set(id, { resolve: (value) => resolve(value as MethodOutput<M>), reject });
      send({ type: 'call', id, method, input });
    });
  },
};

async function main(config: SimulatorThreadConfig): Promise<void> {
  let live: LiveSimulator | undefined;
  port.on('message', (m: ToSimulatorThread) => {
    switch (m.type) {
      case 'result': {
        const call = pending.get(m.id);
        if (!call) return;
        pending.delete(m.id);
        if (m.ok) call.resolve(m.value);
        else call.reject(isErrorCode(m.error.code) ? new ContractError(m.error.code, m.error.message, m.error.issues ?? []) : new Error(m.error.message));
        return;
      }
      case 'counters':
        if (live) send({ type: 'counters', counters: live.counters() });
        return;
      case 'stop':
        void (live?.stop() ?? Promise.resolve()).then(() => {
          if (live) send({ type: 'stopped', counters: live.counters() });
          port.close();
        });
        return;
    }
  });
  try {
    const truth = await loadSimulatorTruth(client, config.truth);
    live = new LiveSimulator({
      client,
      truth,
      ratePerMinute: config.ratePerMinute,
      speed: config.speed,
      ...(config.seed !== undefined ? { seed: config.seed } : {}),
      log: config.log === false ? () => undefined : (line) => send({ type: 'log', line }),
    });
    live.start();
    send({ type: 'started' });
  } catch (err) {
    send({ type: 'start-failed', message: err instanceof Error ? err.message : String(err) });
    port.close();
  }
}

void main(workerData as SimulatorThreadConfig);
