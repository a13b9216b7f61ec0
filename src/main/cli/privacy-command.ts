/**
 * `instinct shopper-export --shopper ID [--out FILE]`, `instinct shopper-erase --shopper ID --reason TEXT`,
 * `instinct retention [--days N|forever] [--reason TEXT]`: the contract's privacy methods on a local store
 * (docs/PRIVACY.md). They go through the dispatcher, so input limits, the reason and the audit entry
 * are those of the console.
 */
import { closeSync, fchmodSync, openSync, writeFileSync } from 'node:fs';
import type { Engine } from '../engine/engine';
import { UsageError } from './options';

export interface PrivacyFlags {
  shopper?: string | undefined;
  reason?: string | undefined;
  out?: string | undefined;
  days?: string | undefined;
}

const CLI = { transport: 'direct' } as const;

/**
 * Writes one shopper's export for this user only. `mode` applies only when the file is created, so
 * an existing file is tightened too, before the data goes in, not after.
 */
function writePrivateFile(path: string, text: string): void {
  const fd = openSync(path, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeFileSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

export async function privacyCommand(engine: Engine, command: string, flags: PrivacyFlags): Promise<unknown> {
  switch (command) {
    case 'shopper-export': {
      if (!flags.shopper) throw new UsageError('shopper-export: --shopper ID');
      const data = await engine.dispatcher.call('shoppers.export', { shopperId: flags.shopper }, CLI);
      if (!flags.out) return data;
      writePrivateFile(flags.out, `${JSON.stringify(data, null, 2)}\n`);
      return { written: flags.out, events: data.events.length, impressions: data.impressions.length, rewards: data.rewards.length };
    }
    case 'shopper-erase': {
      if (!flags.shopper) throw new UsageError('shopper-erase: --shopper ID --reason TEXT');
      if (!flags.reason) return { wouldErase: await engine.dispatcher.call('shoppers.footprint', { shopperId: flags.shopper }, CLI), note: 'nothing erased: give --reason TEXT to erase' };
      return engine.dispatcher.call('shoppers.erase', { shopperId: flags.shopper, confirm: { reason: flags.reason } }, CLI);
    }
    case 'retention': {
      if (flags.days === undefined) return engine.dispatcher.call('retention.get', {}, CLI);
      const days = flags.days === 'forever' ? null : Number(flags.days);
      if (days !== null && !Number.isInteger(days)) throw new UsageError('retention: --days N (whole days) or --days forever');
      await engine.dispatcher.call('retention.set', { rawDataDays: days, ...(flags.reason ? { confirm: { reason: flags.reason } } : {}) }, CLI);
      return engine.dispatcher.call('retention.apply', {}, CLI);
    }
    default:
      throw new UsageError(`unknown privacy command ${command}`);
  }
}
