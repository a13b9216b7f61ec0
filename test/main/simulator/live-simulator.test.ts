import { describe, expect, it } from 'vitest';
import { FakeTimerClock, LiveSimulator } from '../../../src/main/simulator';
import { ContractError } from '../../../src/shared/contract';
import { FakeEngineClient, type Ranking } from './fake-engine-client';
import { bestItemsFor, catalogue, truth } from './simulator-fixture';

const ranking: Ranking = (who, k) => bestItemsFor(who.shopperId, k);
const MINUTE = 60_000;

function live(client: FakeEngineClient, clock: FakeTimerClock, options: { rate?: number; cap?: number; speed?: number } = {}): { sim: LiveSimulator; logged: string[] } {
  const logged: string[] = [];
  const sim = new LiveSimulator({
    client,
    truth,
    clock,
    seed: 3,
    ratePerMinute: options.rate ?? 30,
    maxConcurrent: options.cap ?? 100,
    speed: options.speed ?? 1,
    log: (line) => logged.push(line),
  });
  return { sim, logged };
}

describe('LiveSimulator', () => {
  it('brings Poisson arrivals at the configured rate, runs their sessions, and stops cleanly', async () => {
    const clock = new FakeTimerClock(Date.UTC(2026, 0, 5));
    const client = new FakeEngineClient(catalogue, ranking);
    const { sim, logged } = live(client, clock);
    sim.start();
    expect(sim.running).toBe(true);
    await clock.advance(10 * MINUTE);
    const during = sim.counters();
    // 30 a minute for 10 minutes: 300 arrivals expected, Poisson sd about 17.
    expect(during.sessions + during.droppedArrivals).toBeGreaterThan(240);
    expect(during.sessions + during.droppedArrivals).toBeLessThan(360);
    expect(during.droppedArrivals).toBe(0);
    expect(during.sessionsEnded).toBeGreaterThan(200);
    expect(during.lists).toBeGreaterThan(during.sessionsEnded);
    expect(during.clicks).toBeGreaterThan(0);
    expect(during.activeSessions).toBeGreaterThan(0);

    await sim.stop();
    const after = sim.counters();
    expect(sim.running).toBe(false);
    expect(after.activeSessions).toBe(0);
    expect(after.sessionsEnded).toBe(after.sessions);
    expect(clock.pending).toBe(0);
    const calls = client.calls.length;
    await clock.advance(10 * MINUTE);
    expect(client.calls.length).toBe(calls);
    expect(sim.counters().sessions).toBe(after.sessions);
    expect([after.errors, logged]).toEqual([0, []]);
    expect(after.purchases).toBe(client.events.filter((e) => e.type === 'purchase').length);
  });

  it('caps concurrent sessions and counts the arrivals it turns away', async () => {
    const clock = new FakeTimerClock(0);
    const client = new FakeEngineClient(catalogue, ranking);
    const { sim } = live(client, clock, { rate: 120, cap: 3, speed: 0.2 });
    sim.start();
    let most = 0;
    for (let i = 0; i < 20; i++) {
      await clock.advance(15_000);
      most = Math.max(most, sim.counters().activeSessions);
    }
    await sim.stop();
    expect(most).toBe(3);
    expect(sim.counters().droppedArrivals).toBeGreaterThan(0);
  });

  it('counts engine errors, logs each kind once, and keeps running', async () => {
    const clock = new FakeTimerClock(0);
    const client = new FakeEngineClient(catalogue, ranking);
    client.before = (method) => {
      if (method === 'events.ingest') throw new ContractError('bad_request', 'events.0.itemId: required');
      if (method === 'search') throw new Error('socket hang up');
    };
    const { sim, logged } = live(client, clock, { rate: 60 });
    sim.start();
    await clock.advance(5 * MINUTE);
    await sim.stop();
    const counters = sim.counters();
    expect(counters.errors).toBeGreaterThan(20);
    expect(Object.keys(sim.errorKinds()).sort()).toEqual(['events.ingest bad_request', 'search network']);
    expect(logged).toHaveLength(2);
    expect(logged.join('\n')).toMatch(/events\.ingest failed \(bad_request\)/);
    expect(counters.sessionsEnded).toBe(counters.sessions);
  });

  it('stop waits for the call in flight, then ends the session', async () => {
    const clock = new FakeTimerClock(0);
    const client = new FakeEngineClient(catalogue, ranking);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    client.before = (method) => (method === 'recommend' || method === 'search' ? held : undefined);
    const { sim } = live(client, clock, { rate: 60 });
    sim.start();
    await clock.advance(MINUTE);
    expect(sim.counters().activeSessions).toBeGreaterThan(0);
    let stopped = false;
    const stopping = sim.stop().then(() => (stopped = true));
    await clock.advance(0);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(sim.counters().activeSessions).toBe(0);
    expect(client.events).toEqual([]);
  });

  it('can be stopped before it starts, started twice without a second stream of arrivals, and restarted', async () => {
    const clock = new FakeTimerClock(0);
    const client = new FakeEngineClient(catalogue, ranking);
    const { sim } = live(client, clock, { rate: 60 });
    await sim.stop();
    sim.start();
    sim.start();
    await clock.advance(MINUTE);
    const first = sim.counters().sessions + sim.counters().droppedArrivals;
    expect(first).toBeGreaterThan(35);
    expect(first).toBeLessThan(90);
    await sim.stop();
    await sim.stop();
    sim.start();
    await clock.advance(MINUTE);
    await sim.stop();
    expect(sim.counters().sessions).toBeGreaterThan(first);
    expect(clock.pending).toBe(0);
  });
});
