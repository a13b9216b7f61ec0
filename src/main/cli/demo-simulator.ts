import { DEMO_SEED } from '../engine/demo';
import type { Engine } from '../engine/engine';
import { dispatcherClient, LiveSimulator, loadSimulatorTruth } from '../simulator';
import { UsageError } from './options';

export interface DemoSimulatorFlags {
  readonly enabled: boolean;
  readonly ratePerMinute: number;
}

/** Sessions per minute when no --sim-rate is given. */
export const DEMO_SIM_RATE = 30;
/** The demo's 600 seeded shoppers and 60 new ones. */
const DEMO_POPULATION = 660;

/** `--no-simulator` (or INSTINCT_SIMULATOR=off) and `--sim-rate N` (or INSTINCT_SIM_RATE). */
export function demoSimulatorFlags(values: { 'no-simulator'?: boolean; 'sim-rate'?: string }, env: NodeJS.ProcessEnv = process.env): DemoSimulatorFlags {
  const raw = values['sim-rate'] ?? env.INSTINCT_SIM_RATE ?? String(DEMO_SIM_RATE);
  const ratePerMinute = Number(raw);
  if (!Number.isFinite(ratePerMinute) || ratePerMinute <= 0) throw new UsageError(`--sim-rate: not a positive number of sessions per minute: ${raw}`);
  return { enabled: values['no-simulator'] !== true && env.INSTINCT_SIMULATOR !== 'off', ratePerMinute };
}

/**
 * Simulated shoppers for `npm run demo`, in the engine's process through its validating dispatcher.
 * Prints `SIMULATOR: on, N sessions/min` (or off, with the reason when it could not start); a
 * failure to start leaves the demo running without it.
 */
export function demoSimulator(engine: Engine, flags: DemoSimulatorFlags): { start(): Promise<void>; stop(): Promise<void> } {
  let live: LiveSimulator | undefined;
  let stopped = false;
  return {
    async start() {
      if (!flags.enabled) {
        console.log('SIMULATOR: off');
        return;
      }
      try {
        const client = dispatcherClient(engine.dispatcher);
        const truth = await loadSimulatorTruth(client, { seed: DEMO_SEED, shoppers: DEMO_POPULATION });
        if (stopped) return;
        live = new LiveSimulator({ client, truth, ratePerMinute: flags.ratePerMinute });
        live.start();
        console.log(`SIMULATOR: on, ${flags.ratePerMinute} sessions/min`);
      } catch (err) {
        console.log(`SIMULATOR: off (${err instanceof Error ? err.message : String(err)})`);
      }
    },
    async stop() {
      stopped = true;
      if (!live) return;
      await live.stop();
      const c = live.counters();
      console.log(`SIMULATOR: stopped after ${c.sessions} sessions, ${c.lists} lists, ${c.clicks} clicks, ${c.purchases} purchases, ${c.errors} errors`);
    },
  };
}
