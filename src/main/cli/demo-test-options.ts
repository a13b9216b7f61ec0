import type { EngineOptions } from '../engine/engine';
import { UsageError } from './options';

/**
 * Engine options of `npm run demo` that only tests set, from the environment (the e2e tests start the
 * demo as a process, so they cannot pass EngineOptions): INSTINCT_FINETUNE_AUTO_BUDGET_S, the time
 * budget in seconds of a fine-tune job's automatic configuration (default 300, `FINETUNE_AUTO_BUDGET_SECONDS`).
 * A short budget still runs the selection (its first batch of candidates always trains) and then the
 * job, so an e2e test of the Jobs page does not wait minutes on the search for a configuration.
 */
/**
 * How many items the demo seeds (INSTINCT_DEMO_ITEMS, 200 to 5,000; default 5,000): an e2e test that
 * must wait for the start-up embedding job (fine-tuning reads its vectors) uses a smaller shop.
 */
export function demoSeedItems(env: NodeJS.ProcessEnv = process.env): { items?: number } {
  const raw = env.INSTINCT_DEMO_ITEMS;
  if (raw === undefined) return {};
  const items = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || items < 200 || items > 5_000) throw new UsageError(`INSTINCT_DEMO_ITEMS: not a whole number of items from 200 to 5000: ${raw}`);
  return { items };
}

export function demoTestOptions(env: NodeJS.ProcessEnv = process.env): Pick<EngineOptions, 'fineTune'> {
  const raw = env.INSTINCT_FINETUNE_AUTO_BUDGET_S;
  if (raw === undefined) return {};
  const seconds = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(seconds) || seconds < 1 || seconds > 3_600) throw new UsageError(`INSTINCT_FINETUNE_AUTO_BUDGET_S: not a number of seconds from 1 to 3600: ${raw}`);
  return { fineTune: { autoBudgetSeconds: seconds } };
}
