/**
 * The simulator on its own thread reaches the engine only through the dispatcher it is given, its
 * totals match what the engine answered, engine errors reach it as the same contract errors, and a
 * message for a method the contract does not have is refused without being dispatched.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { startSimulatorWorker } from '../../../src/main/cli/simulator-worker-start';
import { startSimulatorThread } from '../../../src/main/simulator/simulator-thread';
import type { ContractDispatcher } from '../../../src/main/simulator';
import { ContractError, type MethodInput, type MethodName } from '../../../src/shared/contract';
import { FakeEngineClient, type Ranking } from './fake-engine-client';
import { bestItemsFor, catalogue } from './simulator-fixture';

const ranking: Ranking = (who, k) => bestItemsFor(who.shopperId, k);

function dispatcherOf(engine: FakeEngineClient): ContractDispatcher {
  return { call: <M extends MethodName>(method: M, input: unknown) => engine.call(method, input as MethodInput<M>) };
}

async function until(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('simulator thread', () => {
  it('drives the engine through the given dispatcher, and its totals are what the engine answered', async () => {
    const engine = new FakeEngineClient(catalogue, ranking);
    const thread = await startSimulatorThread(dispatcherOf(engine), { truth: { seed: 42, shoppers: 40 }, ratePerMinute: 1200, speed: 100, seed: 5, log: false, startWorker: startSimulatorWorker });
    // It read the catalogue through the contract before its first shopper arrived.
    expect(engine.calls.filter((c) => c.method === 'catalog.list').length).toBeGreaterThan(0);
    await until(async () => (await thread.counters()).lists >= 20);
    const final = await thread.stop();
    expect(final.activeSessions).toBe(0);
    expect(final.sessionsEnded).toBe(final.sessions);
    expect(final.errors).toBe(0);
    expect(final.lists).toBe(engine.calls.filter((c) => c.method === 'recommend' || c.method === 'search').length);
    expect(final.clicks + final.carts + final.purchases).toBeGreaterThan(0);
    expect(engine.events.filter((e) => e.type === 'purchase').length).toBe(final.purchases);
    // Stopped: no call reaches the engine any more, and asking again gives the same totals.
    const calls = engine.calls.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(engine.calls.length).toBe(calls);
    expect(await thread.counters()).toEqual(final);
  });

  it('passes engine errors back as contract errors, counted and logged once per kind', async () => {
    const engine = new FakeEngineClient(catalogue, ranking);
    engine.before = (method) => {
      if (method === 'recommend') throw new ContractError('bad_request', 'recommend: refused for the test');
    };
    const logged: string[] = [];
    const thread = await startSimulatorThread(dispatcherOf(engine), { truth: { seed: 42, shoppers: 40 }, ratePerMinute: 1200, speed: 100, seed: 6, onLog: (line) => logged.push(line), startWorker: startSimulatorWorker });
    await until(async () => (await thread.counters()).errors >= 3);
    const final = await thread.stop();
    expect(final.errors).toBeGreaterThanOrEqual(3);
    expect(logged.filter((l) => l.includes('refused for the test'))).toHaveLength(1);
    expect(logged[0]).toMatch(/bad_request/);
  });

  it('refuses a call for a method the contract does not have, without dispatching it', async () => {
    const engine = new FakeEngineClient(catalogue, ranking);
    const logged: string[] = [];
    // A thread that asks for an unknown method, then reports the answer it got and gives up.
    const bogus = `const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (m) => { parentPort.postMessage({ type: 'log', line: JSON.stringify(m) }); parentPort.postMessage({ type: 'start-failed', message: 'done' }); parentPort.close(); });
      parentPort.postMessage({ type: 'call', id: 1, method: 'engine.shutdown', input: {} });`;
    const started = startSimulatorThread(dispatcherOf(engine), { truth: {}, ratePerMinute: 1, speed: 1, onLog: (line) => logged.push(line), startWorker: () => new Worker(bogus, { eval: true }) });
    await expect(started).rejects.toThrow(/could not start: done/);
    expect(engine.calls).toHaveLength(0);
    expect(JSON.parse(logged[0]!)).toEqual({ type: 'result', id: 1, ok: false, error: { code: 'bad_request', message: 'unknown method: engine.shutdown' } });
  });

  it('says so when the thread fails after it started, and its totals are still answered', async () => {
    const engine = new FakeEngineClient(catalogue, ranking);
    const logged: string[] = [];
    // A thread that starts, then dies on the first question it is asked.
    const dying = `const { parentPort } = require('node:worker_threads');
      parentPort.on('message', () => { throw new Error('boom'); });
      parentPort.postMessage({ type: 'started' });`;
    const thread = await startSimulatorThread(dispatcherOf(engine), { truth: {}, ratePerMinute: 1, speed: 1, onLog: (line) => logged.push(line), startWorker: () => new Worker(dying, { eval: true }) });
    const totals = await thread.counters();
    expect(totals.sessions).toBe(0);
    expect(logged).toEqual(['the simulator thread failed: boom']);
    expect(await thread.stop()).toEqual(totals);
  });
});
