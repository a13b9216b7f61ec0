/**
 * Issue #16, Must show: a SIGKILL during a running import loses nothing the import reported as
 * stored. The child imports a 300,000-row file (rows in file order, each with its own id), printing
 * the committed count as it goes; it is killed mid-import, and every row up to the last count it
 * printed must be in the store after a restart (chunks are transactions: nothing half-stored).
 * Checked failing before the fix: on the previous commit an import ran in one blocking call that
 * reported nothing until it ended (no progress topic, no queue), so the child never printed an
 * acknowledgement and was never killed mid-import (signalCode null).
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/main/engine/engine';
import { tempDir } from '../../../helpers/temp-dir';

const ROOT = join(__dirname, '../../../..');
const ROWS = 300_000;

describe('import durability', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  it('keeps every row an import reported stored after the importer is killed with SIGKILL', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const lines = ['id,type,shopper_id,item_id,ts'];
    for (let i = 1; i <= ROWS; i++) lines.push(`row-${i},view,u${i % 997},P${i % 4999},${1_767_261_600_000 + i * 1000}`);
    const file = join(t.dir, 'events.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/fixtures/import-writer.ts'), join(t.dir, 'store'), file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = 0;
    let finished = false;
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () => resolve());
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const got = buffer.split('\n');
        buffer = got.pop() ?? '';
        for (const line of got) {
          if (line.startsWith('stored ')) acked = Math.max(acked, Number(line.slice(7)));
          if (line.startsWith('done ')) finished = true;
        }
        // Kill mid-import, while chunks are being written.
        if (acked >= 30_000 && !child.killed) child.kill('SIGKILL');
      });
    });
    expect(finished).toBe(false);
    expect(child.signalCode).toBe('SIGKILL');
    expect(acked).toBeGreaterThanOrEqual(30_000);
    expect(acked).toBeLessThan(ROWS);
    const engine = new Engine({ dataDir: join(t.dir, 'store'), host: 'test' });
    try {
      const missing: string[] = [];
      for (let i = 1; i <= acked; i++) if (!engine.events.has(`row-${i}`)) missing.push(`row-${i}`);
      expect(missing).toEqual([]);
      expect(engine.stats.stats().events).toBeGreaterThanOrEqual(acked);
      // A re-import picks up where the killed one left off, storing each row once.
      const again = await engine.imports.importFile(file, 'csv', 'events');
      expect(again.stored + again.duplicates).toBe(ROWS);
      expect(engine.stats.stats().events).toBe(ROWS);
    } finally {
      await engine.close();
    }
  }, 120_000);
});
