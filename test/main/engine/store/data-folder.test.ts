/**
 * Issue #16, item 11 (store half): the data folder was 0755 and the database 0644, so any local
 * user could read shopper data.
 * Checked failing before the fix: on the previous commit the modes below were 0755 and 0644.
 */
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/main/engine/engine';
import { tempDir } from '../../../helpers/temp-dir';

const mode = (path: string): number => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the store is for its owner only', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it('creates the data folder 0700 and the database and its WAL files 0600', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const dataDir = join(t.dir, 'store');
    const engine = new Engine({ dataDir, host: 'test' });
    try {
      await engine.dispatcher.call('events.ingest', { events: [{ type: 'view', shopperId: 'u', itemId: 'P' }] });
      expect(mode(dataDir)).toBe(0o700);
      for (const file of ['instinct.db', 'instinct.db-wal', 'instinct.db-shm']) expect(mode(join(dataDir, file))).toBe(0o600);
    } finally {
      await engine.close();
    }
  });

  it('tightens a folder and database an older version left readable', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const dataDir = join(t.dir, 'old');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, 'instinct.db'), '');
    chmodSync(join(dataDir, 'instinct.db'), 0o644);
    const engine = new Engine({ dataDir, host: 'test' });
    await engine.close();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'instinct.db'))).toBe(0o600);
  });
});
