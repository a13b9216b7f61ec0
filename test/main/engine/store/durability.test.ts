import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/main/engine/engine';
import { tempDir } from '../../../helpers/temp-dir';

const ROOT = join(__dirname, '../../../..');

describe('durability', () => {
  let cleanup = (): void => {};
  afterEach(() => cleanup());

  // Both WAL checkpoint modes (docs/IMPORT.md): the commits' own and the background worker's.
  it.each(['engine-thread', 'background'])('keeps every acknowledged event after the writer is killed with SIGKILL (WAL checkpoints: %s)', async (mode) => {
    const t = tempDir();
    cleanup = t.cleanup;
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/fixtures/durability-writer.ts'), t.dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, INSTINCT_WAL_CHECKPOINTS: mode } });
    const acked: string[] = [];
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () => resolve());
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        acked.push(...lines);
        // Kill mid-stream, while it is writing as fast as it can.
        if (acked.length >= 20_000 && !child.killed) child.kill('SIGKILL');
      });
    });
    expect(child.signalCode).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(20_000);
    const engine = new Engine({ dataDir: t.dir, host: 'test' });
    try {
      const missing = acked.filter((id) => !engine.events.has(id));
      expect(missing).toEqual([]);
      expect(engine.stats.stats().events).toBeGreaterThanOrEqual(acked.length);
    } finally {
      await engine.close();
    }
  });
});
