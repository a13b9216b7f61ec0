import { DEMO_SEED } from '../engine/demo';
import type { Engine } from '../engine/engine';
import { startSimulatorWorker } from './simulator-worker-start';
import { startSimulatorThread, type SimulatorThread } from '../simulator/simulator-thread';
import { UsageError } from './options';

export interface DemoSimulatorFlags {
  readonly enabled: boolean;
  readonly ratePerMinute: number;
  /** Divides the shoppers' think times (1: real pace). Only INSTINCT_SIM_SPEED sets it: the e2e tests use it to fill the loop sooner. */
  readonly speed: number;
}

/** Sessions per minute when no --sim-rate is given. */
export const DEMO_SIM_RATE = 30;
/** The demo's 600 seeded shoppers and 60 new ones. */
const DEMO_POPULATION = 660;

/** `--no-simulator` (or INSTINCT_SIMULATOR=off), `--sim-rate N` (or INSTINCT_SIM_RATE) and INSTINCT_SIM_SPEED. */
export function demoSimulatorFlags(values: { 'no-simulator'?: boolean; 'sim-rate'?: string }, env: NodeJS.ProcessEnv = process.env): DemoSimulatorFlags {
  const raw = values['sim-rate'] ?? env.INSTINCT_SIM_RATE ?? String(DEMO_SIM_RATE);
  const ratePerMinute = Number(raw);
  if (!Number.isFinite(ratePerMinute) || ratePerMinute <= 0) throw new UsageError(`--sim-rate: not a positive number of sessions per minute: ${raw}`);
  const rawSpeed = env.INSTINCT_SIM_SPEED ?? '1';
  const speed = Number(rawSpeed);
  if (!Number.isFinite(speed) || speed <= 0 || speed > 100) throw new UsageError(`INSTINCT_SIM_SPEED: not a speed factor from above 0 to 100: ${rawSpeed}`);
  return { enabled: values['no-simulator'] !== true && env.INSTINCT_SIMULATOR !== 'off', ratePerMinute, speed };
}

/**
 * Simulated shoppers for `npm run demo`, on a worker thread of the engine's process, calling the
 * engine's validating dispatcher (their own work never runs on the engine's thread).
 * Prints `SIMULATOR: on, N sessions/min` (or off, with the reason when it could not start); a
 * failure to start leaves the demo running without it.
 */
export function demoSimulator(engine: Engine, flags: DemoSimulatorFlags): { start(): Promise<void>; stop(): Promise<void> } {
  let live: SimulatorThread | undefined;
  let stopped = false;
  return {
    async start() {
      if (!flags.enabled) {
        console.log('SIMULATOR: off');
        return;
      }
      try {
        const thread = await startSimulatorThread(engine.dispatcher, { truth: { seed: DEMO_SEED, shoppers: DEMO_POPULATION }, ratePerMinute: flags.ratePerMinute, speed: flags.speed, startWorker: startSimulatorWorker });
        if (stopped) {
          await thread.stop();
          return;
        }
        live = thread;
        console.log(`SIMULATOR: on, ${flags.ratePerMinute} sessions/min${flags.speed === 1 ? '' : `, shoppers ${flags.speed}x their pace`}`);
      } catch (err) {
        console.log(`SIMULATOR: off (${err instanceof Error ? err.message : String(err)})`);
      }
    },
    async stop() {
      stopped = true;
      if (!live) return;
      const c = await live.stop();
      console.log(`SIMULATOR: stopped after ${c.sessions} sessions, ${c.lists} lists, ${c.clicks} clicks, ${c.purchases} purchases, ${c.errors} errors`);
    },
  };
}
