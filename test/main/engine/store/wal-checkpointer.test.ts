/**
 * The background WAL checkpointer (store/wal-checkpointer.ts): while it runs the engine's
 * connection never checkpoints by itself (the commit that crossed 16000 pages used to copy up to
 * 64 MiB and sync the database file on the engine's thread), its worker keeps the WAL bounded, a
 * worker that fails or dies gives the checkpoints back to the engine's connection, an import's
 * pause/resume does not turn them back on under it, and close checkpoints once more.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/main/engine/engine';
import {
  autoCheckpointPages,
  checkpointPassive,
  openCheckpointConnection,
  openDatabase,
  pauseAutoCheckpoint,
  WAL_AUTOCHECKPOINT_PAGES,
} from '../../../../src/main/engine/store/database';
import { startWalCheckpointWorker, WalCheckpointer, walCheckpointModeFromEnv } from '../../../../src/main/engine/store/wal-checkpointer';
import { tempDir } from '../../../helpers/temp-dir';

const PAGE = 4096;

function store(): { db: Database; file: string; cleanup: () => void } {
  const t = tempDir('instinct-wal-');
  const file = join(t.dir, 'instinct.db');
  const db = openDatabase(file);
  db.exec('CREATE TABLE IF NOT EXISTS wal_test (id INTEGER PRIMARY KEY, body BLOB)');
  return {
    db,
    file,
    cleanup: () => {
      if (db.open) db.close();
      t.cleanup();
    },
  };
}

/** Commits `rows` single-row transactions of ~3 KiB each (about one page of WAL per commit), yielding to the event loop every `perTurn`. */
async function writeRows(db: Database, rows: number, perTurn = 50, onTurn: () => void = () => {}): Promise<void> {
  const insert = db.prepare('INSERT INTO wal_test (body) VALUES (?)');
  const body = Buffer.alloc(3000, 7);
  for (let i = 0; i < rows; i++) {
    insert.run(body);
    if (i % perTurn === perTurn - 1) {
      onTurn();
      await new Promise((r) => setTimeout(r, 1));
    }
  }
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A stand-in worker that posts `replies` (and then stays, or exits with `exitCode`). */
function fakeWorker(replies: unknown[], exitCode?: number): Worker {
  const code = `const { parentPort } = require('node:worker_threads');
for (const r of ${JSON.stringify(replies)}) parentPort.postMessage(r);
${exitCode === undefined ? "parentPort.on('message', () => { parentPort.postMessage({ type: 'closed', walFrames: null, copied: null }); parentPort.close(); });" : `process.exit(${exitCode});`}`;
  return new Worker(code, { eval: true });
}

const quiet = (): { warn: (m: string) => void; said: string[] } => {
  const said: string[] = [];
  return { said, warn: (m: string) => said.push(m) };
};

describe('background WAL checkpointer', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it("turns the engine connection's own checkpoints off while it runs, and its worker checkpoints the WAL", async () => {
    const s = store();
    cleanups.push(s.cleanup);
    expect(autoCheckpointPages(s.db)).toBe(WAL_AUTOCHECKPOINT_PAGES);
    const log = quiet();
    const checkpointer = new WalCheckpointer({ db: s.db, file: s.file, intervalMs: 20, log });
    cleanups.push(() => checkpointer.close());
    expect(checkpointer.running).toBe(true);
    expect(await checkpointer.ready).toBe(true);
    expect(autoCheckpointPages(s.db)).toBe(0);
    await writeRows(s.db, 600);
    await until(() => checkpointer.stats().framesCopied >= 600);
    expect(autoCheckpointPages(s.db)).toBe(0);
    expect(log.said).toEqual([]);
    await checkpointer.close();
    expect(checkpointer.running).toBe(false);
    expect(autoCheckpointPages(s.db)).toBe(WAL_AUTOCHECKPOINT_PAGES);
  });

  it('keeps the WAL bounded under continuous commits (the WAL starts over)', async () => {
    const s = store();
    cleanups.push(s.cleanup);
    // A small bound (1000 frames, ~4 MiB) so that the test writes several times past it: ~47 MiB of commits.
    const checkpointer = new WalCheckpointer({ db: s.db, file: s.file, intervalMs: 25, finishFrames: 1000, log: quiet() });
    cleanups.push(() => checkpointer.close());
    expect(await checkpointer.ready).toBe(true);
    const wal = `${s.file}-wal`;
    let walMax = 0;
    await writeRows(s.db, 12_000, 10, () => (walMax = Math.max(walMax, statSync(wal).size)));
    // Without checkpoints that complete the WAL holds every commit (~3 frames each: ~140 MiB); the
    // worker asks the engine to finish past 4 MiB, or past 8 MiB after a long round. The room above is for a loaded machine.
    expect(walMax).toBeLessThan(10 * 1000 * (PAGE + 24));
    expect(checkpointer.stats().checkpoints).toBeGreaterThan(1);
    expect(autoCheckpointPages(s.db)).toBe(0);
  });

  it('finishes on the engine thread when the worker says racing commits kept the checkpoint from completing', async () => {
    const s = store();
    cleanups.push(s.cleanup);
    await writeRows(s.db, 200);
    let ask: Worker | undefined;
    const checkpointer = new WalCheckpointer({
      db: s.db,
      file: s.file,
      log: quiet(),
      start: () => (ask = fakeWorker([{ type: 'ready' }, { type: 'finish', walFrames: 99_999 }])),
    });
    cleanups.push(() => checkpointer.close());
    expect(ask).toBeDefined();
    await until(() => checkpointer.stats().finishes === 1);
    const other = openCheckpointConnection(s.file);
    cleanups.push(() => other.close());
    // Everything was already copied by the engine's connection: a checkpoint elsewhere finds all frames in the database.
    const after = checkpointPassive(other);
    expect(after).not.toBeNull();
    expect(after?.copied).toBe(after?.walFrames);
    expect(after?.walFrames).toBeGreaterThan(0);
  });

  it('gives the checkpoints back to the engine connection when its worker dies, and says so', async () => {
    const s = store();
    cleanups.push(s.cleanup);
    let worker: Worker | undefined;
    const log = quiet();
    const checkpointer = new WalCheckpointer({ db: s.db, file: s.file, intervalMs: 50, log, start: (data) => (worker = startWalCheckpointWorker(data)) });
    cleanups.push(() => checkpointer.close());
    expect(autoCheckpointPages(s.db)).toBe(0);
    await worker?.terminate();
    await until(() => !checkpointer.running);
    expect(autoCheckpointPages(s.db)).toBe(WAL_AUTOCHECKPOINT_PAGES);
    expect(log.said.join('\n')).toMatch(/checkpointer .*exited.*checkpoints by itself/);
  });

  it('gives them back when the worker cannot open the store, when it exits, and never takes them when it cannot start', async () => {
    const s = store();
    cleanups.push(s.cleanup);
    const missing = quiet();
    const noFile = new WalCheckpointer({ db: s.db, file: join(s.file, '..', 'absent.db'), intervalMs: 50, log: missing });
    cleanups.push(() => noFile.close());
    await until(() => !noFile.running);
    expect(autoCheckpointPages(s.db)).toBe(WAL_AUTOCHECKPOINT_PAGES);
    expect(missing.said.join('\n')).toMatch(/cannot checkpoint/);

    const exits = quiet();
    const exiting = new WalCheckpointer({ db: s.db, file: s.file, log: exits, start: () => fakeWorker([], 3) });
    cleanups.push(() => exiting.close());
    await until(() => !exiting.running);
    expect(autoCheckpointPages(s.db)).toBe(WAL_AUTOCHECKPOINT_PAGES);
    expect(exits.said.join('\n')).toMatch(/code 3/);

    const throws = quiet();
    const never = new WalCheckpointer({
      db: s.db,
      file: s.file,
      log: throws,
      start: () => {
        throw new Error('no threads here');
      },
    });
    expect(never.running).toBe(false);
    expect(autoCheckpointPages(s.db)).toBe(WAL_AUTOCHECKPOINT_PAGES);
    expect(throws.said.join('\n')).toMatch(/no threads here/);
  });

  it("keeps the mode right with an import's pause and resume, in either order", async () => {
    const s = store();
    cleanups.push(s.cleanup);
    const first = new WalCheckpointer({ db: s.db, file: s.file, log: quiet(), start: () => fakeWorker([{ type: 'ready' }]) });
    cleanups.push(() => first.close());
    // An import starts and ends while the checkpointer runs: its resume must not turn the engine's checkpoints on.
    const importResume = pauseAutoCheckpoint(s.db);
    importResume();
    importResume();
    expect(autoCheckpointPages(s.db)).toBe(0);
    // An import that outlives the checkpointer: off until the import ends.
    const longImportResume = pauseAutoCheckpoint(s.db);
    await first.close();
    expect(autoCheckpointPages(s.db)).toBe(0);
    longImportResume();
    expect(autoCheckpointPages(s.db)).toBe(WAL_AUTOCHECKPOINT_PAGES);
    // A stale resume (an import's, called twice) after a new checkpointer started changes nothing.
    const second = new WalCheckpointer({ db: s.db, file: s.file, log: quiet(), start: () => fakeWorker([{ type: 'ready' }]) });
    cleanups.push(() => second.close());
    longImportResume();
    expect(autoCheckpointPages(s.db)).toBe(0);
    await second.close();
    expect(autoCheckpointPages(s.db)).toBe(WAL_AUTOCHECKPOINT_PAGES);
  });

  it('leaves read-only connections (the serving replicas) seeing every commit', async () => {
    const s = store();
    cleanups.push(s.cleanup);
    const checkpointer = new WalCheckpointer({ db: s.db, file: s.file, intervalMs: 10, finishFrames: 100, log: quiet() });
    cleanups.push(() => checkpointer.close());
    expect(await checkpointer.ready).toBe(true);
    const replica = openDatabase(s.file, { readonly: true });
    cleanups.push(() => replica.close());
    const count = replica.prepare('SELECT count(*) AS n FROM wal_test');
    let written = 0;
    await writeRows(s.db, 1500, 25, () => {
      written += 25;
      expect((count.get() as { n: number }).n).toBe(written);
    });
    await until(() => checkpointer.stats().checkpoints > 0);
    expect((count.get() as { n: number }).n).toBe(1500);
  });

  it('checkpoints the whole WAL once more at close', async () => {
    const s = store();
    cleanups.push(s.cleanup);
    // A long interval: nothing is checkpointed before the close.
    const checkpointer = new WalCheckpointer({ db: s.db, file: s.file, intervalMs: 60_000, log: quiet() });
    cleanups.push(() => checkpointer.close());
    await writeRows(s.db, 300);
    expect(checkpointer.stats().checkpoints).toBe(0);
    await checkpointer.close();
    expect(checkpointer.lastCheckpoint).not.toBeNull();
    expect(checkpointer.lastCheckpoint?.walFrames).toBeGreaterThanOrEqual(300);
    expect(checkpointer.lastCheckpoint?.copied).toBe(checkpointer.lastCheckpoint?.walFrames);
  });

  it('reads its mode from INSTINCT_WAL_CHECKPOINTS, refusing anything else', () => {
    expect(walCheckpointModeFromEnv({})).toBe('background');
    expect(walCheckpointModeFromEnv({ INSTINCT_WAL_CHECKPOINTS: '' })).toBe('background');
    expect(walCheckpointModeFromEnv({ INSTINCT_WAL_CHECKPOINTS: 'engine-thread' })).toBe('engine-thread');
    expect(walCheckpointModeFromEnv({ INSTINCT_WAL_CHECKPOINTS: 'background' })).toBe('background');
    expect(() => walCheckpointModeFromEnv({ INSTINCT_WAL_CHECKPOINTS: 'sometimes' })).toThrow(/INSTINCT_WAL_CHECKPOINTS/);
  });

  it('runs with the engine: an import leaves the checkpoints with the worker; engine-thread mode keeps the old auto-checkpoint', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const engine = new Engine({ dataDir: t.dir, host: 'test', servingWorkers: 0, walCheckpoints: 'background' });
    cleanups.push(() => engine.close());
    const db = (engine as unknown as { db: Database }).db;
    expect(engine.walCheckpointer?.running).toBe(true);
    expect(autoCheckpointPages(db)).toBe(0);
    const lines = ['id,type,shopper_id,item_id,ts'];
    for (let i = 0; i < 2000; i++) lines.push(`w-${i},view,u${i % 50},P${i % 97},${1_767_261_600_000 + i * 1000}`);
    const report = await engine.dispatcher.call('import.text', { fileName: 'wal.csv', format: 'csv', target: 'events', content: `${lines.join('\n')}\n` });
    expect(report.stored).toBe(2000);
    expect(autoCheckpointPages(db)).toBe(0);
    await engine.close();
    expect(engine.walCheckpointer?.running).toBe(false);

    const t2 = tempDir();
    cleanups.push(t2.cleanup);
    const old = new Engine({ dataDir: t2.dir, host: 'test', servingWorkers: 0, walCheckpoints: 'engine-thread' });
    cleanups.push(() => old.close());
    expect(old.walCheckpointer).toBeUndefined();
    expect(autoCheckpointPages((old as unknown as { db: Database }).db)).toBe(WAL_AUTOCHECKPOINT_PAGES);
  });
});
