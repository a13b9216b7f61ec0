import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type EngineOptions } from '../../src/main/engine/engine';

/** A fresh folder per test; removed by the returned cleanup. */
export function tempDir(prefix = 'instinct-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An engine on its own real SQLite file in a temp folder. */
export function tempEngine(options: Omit<EngineOptions, 'dataDir'> = {}): { engine: Engine; dir: string; cleanup: () => Promise<void> } {
  const { dir, cleanup } = tempDir();
  const engine = new Engine({ dataDir: dir, host: 'test', ...options });
  return {
    engine,
    dir,
    cleanup: async () => {
      await engine.close();
      cleanup();
    },
  };
}
