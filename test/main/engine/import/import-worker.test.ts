/**
 * Imports off the serving path, part 2: an import's text is parsed and checked on its own worker
 * thread (none of that work, nor its garbage, on the engine's heap), and the WAL is checkpointed
 * from the worker's own connection while the engine writes (the commit that crosses the WAL's
 * threshold no longer copies 64 MiB and syncs the file on the engine's thread).
 * Checked failing before the change: the engine thread's JSON.parse ran once per JSONL line (2000
 * calls below), and the store file alone held none of the imported rows (they sat in the WAL until
 * the engine's own commits reached 16000 pages).
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportControl, ImportStores } from '../../../../src/main/engine/import/import-run';
import { runImport } from '../../../../src/main/engine/import/import-run';
import type { ChunkStream } from '../../../../src/main/engine/import/parser-thread';
import { CatalogRepository, EventRepository, openDatabase } from '../../../../src/main/engine/store';
import { WAL_AUTOCHECKPOINT_PAGES } from '../../../../src/main/engine/store/database';
import { tempDir, tempEngine } from '../../../helpers/temp-dir';

function eventsJsonl(rows: number, prefix: string): string {
  return Array.from({ length: rows }, (_, i) => JSON.stringify({ id: `${prefix}-${i}`, type: 'view', shopperId: `u${i % 50}`, itemId: `P${i % 97}`, ts: 1_767_261_600_000 + i * 1000 })).join('\n');
}

/** Rows of `events` in the store's main file alone, without its WAL: what has been checkpointed. */
function checkpointedEvents(dir: string): number {
  const copy = join(dir, 'main-file-only.db');
  copyFileSync(join(dir, 'instinct.db'), copy);
  const db = new BetterSqlite3(copy, { readonly: true });
  try {
    // A fresh store's schema may itself still be in the WAL.
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'events'").get() === undefined) return 0;
    return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('imports parse on their own thread and checkpoint off the engine thread', () => {
  let env: ReturnType<typeof tempEngine>;
  // The engine's background WAL checkpointer off: these check the import's own checkpoints alone
  // (test/main/engine/store/wal-checkpointer.test.ts checks the two together).
  beforeEach(() => (env = tempEngine({ walCheckpoints: 'engine-thread' })));
  afterEach(() => env.cleanup());

  it("never parses the import's lines on the engine's thread", async () => {
    const parse = JSON.parse;
    let calls = 0;
    JSON.parse = ((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
      calls++;
      return parse(text, reviver);
    }) as typeof JSON.parse;
    try {
      const report = await env.engine.imports.importText('p.jsonl', eventsJsonl(2000, 'p'), 'jsonl', 'events');
      expect(report).toMatchObject({ rowsRead: 2000, stored: 2000, rejected: 0 });
    } finally {
      JSON.parse = parse;
    }
    // The engine's own work for 2000 rows may parse a little (settings, caches), never once per line.
    expect(calls).toBeLessThan(100);
  });

  it('checkpoints the WAL from the worker during an import, with the engine connection not checkpointing meanwhile', async () => {
    expect(checkpointedEvents(env.dir)).toBe(0);
    const seen: number[] = [];
    const db = (env.engine as unknown as { db: BetterSqlite3.Database }).db;
    // The engine connection's threshold at each progress of the running import (after a stored chunk).
    env.engine.bus.subscribe('imports.changed', (task) => {
      if (task.status === 'running' && task.progress.stored > 0) seen.push(db.pragma('wal_autocheckpoint', { simple: true }) as number);
    });
    const report = await env.engine.imports.importText('w.jsonl', eventsJsonl(5000, 'w'), 'jsonl', 'events');
    expect(report.stored).toBe(5000);
    // A few MiB of WAL, far below the engine's own threshold: only the worker can have copied them.
    expect(checkpointedEvents(env.dir)).toBe(5000);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((pages) => pages === 0)).toBe(true);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
  });

  it("leaves the checkpoints to the engine's commits when asked (the comparison the bench makes)", async () => {
    env.engine.imports.walCheckpoints = 'engine-thread';
    expect((await env.engine.imports.importText('e.jsonl', eventsJsonl(3000, 'e'), 'jsonl', 'events')).stored).toBe(3000);
    expect(checkpointedEvents(env.dir)).toBe(0);
  });
});

describe('runImport when its parser fails', () => {
  it('rejects, and gives the engine connection its checkpoints back', async () => {
    const t = tempDir();
    const file = join(t.dir, 'instinct.db');
    const db = openDatabase(file);
    try {
      const failing: ChunkStream = {
        request: () => undefined,
        next: () => Promise.reject(new Error('the import worker exited with code 1')),
        checkpoint: () => Promise.resolve(null),
        close: () => Promise.resolve(),
      };
      const stores: ImportStores = {
        events: new EventRepository(db),
        catalog: new CatalogRepository(db),
        announce: () => undefined,
        onCatalogChange: () => undefined,
        maxFutureSkewMs: 86_400_000,
        database: { file, connection: db },
        parser: () => {
          expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
          return failing;
        },
      };
      const control: ImportControl = { signal: new AbortController().signal, progress: () => undefined };
      await expect(runImport({ file: 'x.jsonl', format: 'jsonl', target: 'events', source: { kind: 'text', text: '{}' } }, stores, control, 2)).rejects.toThrow(/exited with code 1/);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
    } finally {
      db.close();
      t.cleanup();
    }
  });
});
