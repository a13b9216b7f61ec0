import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { privacyCommand } from '../../../src/main/cli/privacy-command';
import { tempDir, tempEngine } from '../../helpers/temp-dir';

const SHOPPER = 'shopper-export-me';

describe('instinct shopper-export --out', () => {
  let env: ReturnType<typeof tempEngine>;
  let out: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    env = tempEngine({ textModelDir: mkdtempSync(join(tmpdir(), 'instinct-no-model-')), encoderWorkers: 0, servingWorkers: 0 });
    out = tempDir('instinct-export-');
    env.engine.catalog.upsertItems([{ itemId: 'P1', title: 'Item P1', category: 'Home > Kitchen', price: 10 }]);
    await env.engine.dispatcher.call('events.ingest', { events: [{ type: 'view', shopperId: SHOPPER, itemId: 'P1', ts: Date.now() - 60_000 }] });
  });
  afterEach(async () => {
    await env.cleanup();
    out.cleanup();
  });

  // One shopper's whole data: readable by this user only, whatever the umask or an older file's mode.
  it.skipIf(process.platform === 'win32')('writes the export for this user only, a new file and an existing 0644 one alike', async () => {
    const fresh = join(out.dir, 'fresh.json');
    expect(await privacyCommand(env.engine, 'shopper-export', { shopper: SHOPPER, out: fresh })).toMatchObject({ written: fresh, events: 1 });
    expect(statSync(fresh).mode & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(fresh, 'utf8'))).toMatchObject({ events: [expect.objectContaining({ itemId: 'P1' })] });

    const older = join(out.dir, 'older.json');
    writeFileSync(older, 'an earlier export\n');
    chmodSync(older, 0o644);
    await privacyCommand(env.engine, 'shopper-export', { shopper: SHOPPER, out: older });
    expect(statSync(older).mode & 0o777).toBe(0o600);
    expect(readFileSync(older, 'utf8')).not.toContain('an earlier export');
  });
});
