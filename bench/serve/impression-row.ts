/**
 * One-off: what a logged list's row costs to insert with its items stored as the contract's
 * RankedItem objects (the form before migration 010) against the compact form
 * (`ranking/impressions/stored-items.ts`), in interleaved blocks of the same real lists, on one store.
 * Two WAL states: checkpoints at the store's bound (the default), and a reader holding the WAL open
 * (as an import does while it runs), so the WAL grows with every list.
 * npx tsx bench/serve/impression-row.ts <copy of the bench store> [blocks]
 */
import type { Statement } from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RankedItem } from '../../src/shared/contract/recommendations';
import { demoShopperId } from '../../src/main/engine/demo';
import { Engine } from '../../src/main/engine/engine';
import { encodeStoredItems } from '../../src/main/engine/ranking/impressions/stored-items';
import { openDatabase } from '../../src/main/engine/store';
import { median } from '../bench-util';

const BLOCK = 1000;

async function realLists(dataDir: string, n: number): Promise<{ items: RankedItem[] }[]> {
  const engine = new Engine({ dataDir, host: 'bench', servingWorkers: 0 });
  await engine.start({ embedMissing: false });
  try {
    const lists: { items: RankedItem[] }[] = [];
    for (let i = 0; i < n; i++) lists.push(await engine.dispatcher.call('recommend', { shopperId: demoShopperId(1 + ((i * 7) % 3000)), k: 20 }));
    return lists;
  } finally {
    await engine.close();
  }
}

/** Deterministic lists' features: 20 items of 8 floats. */
const FEATURES = Buffer.alloc(640);

interface Store {
  insert: Statement;
  close(): void;
}

/** A fresh store; with `held`, a reader keeps a read transaction open on it, so no checkpoint can reset its WAL. */
function openStore(wal: 'checkpoints' | 'held'): Store {
  const dir = mkdtempSync(join(tmpdir(), 'impression-row-'));
  const db = openDatabase(join(dir, 'instinct.db'));
  const reader = openDatabase(join(dir, 'instinct.db'), { readonly: true });
  if (wal === 'held') {
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) FROM impressions').get();
  }
  const insert = db.prepare(`INSERT INTO impressions (impression_id, created_at, slot, shopper_id, session_id, query, weights_version, model_version,
    cold_start, purchase_intent, took_ms, policy, items, experiment_id, arm_id, features)
    VALUES (?, ?, 'home', ?, ?, NULL, 1, 'bench', 0, 0.1, 1.5, '{"kind":"deterministic","ranking":"weights"}', ?, NULL, NULL, ?)`);
  return {
    insert,
    close: () => {
      if (reader.inTransaction) reader.prepare('COMMIT').run();
      reader.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const [dataDir, blocksArg] = process.argv.slice(2);
  const blocks = Number(blocksArg ?? 8);
  const lists = await realLists(dataDir!, 200);
  const encodings = { objects: (items: RankedItem[]) => JSON.stringify(items), compact: encodeStoredItems };
  const out: Record<string, unknown> = {
    bytes_objects: Math.round(median(lists.map((l) => encodings.objects(l.items).length))),
    bytes_compact: Math.round(median(lists.map((l) => encodings.compact(l.items).length))),
  };
  for (const wal of ['checkpoints', 'held'] as const) {
    // A store per encoding, so each WAL grows and checkpoints at the pace of its own rows.
    const stores = Object.fromEntries(Object.keys(encodings).map((name) => [name, openStore(wal)])) as Record<keyof typeof encodings, Store>;
    const us: Record<keyof typeof encodings, number[]> = { objects: [], compact: [] };
    let seq = 0;
    for (let b = 0; b < blocks; b++) {
      for (const name of (b % 2 === 0 ? ['objects', 'compact'] : ['compact', 'objects']) as (keyof typeof encodings)[]) {
        const t0 = performance.now();
        for (let i = 0; i < BLOCK; i++) {
          seq++;
          const list = lists[seq % lists.length]!;
          stores[name].insert.run(`bench-${String(seq).padStart(9, '0')}`, Date.now(), `u${seq % 997}`, `s${seq % 991}`, encodings[name](list.items), FEATURES);
        }
        us[name].push(Math.round(((performance.now() - t0) * 1000) / BLOCK));
      }
    }
    for (const store of Object.values(stores)) store.close();
    out[`insert_us_${wal}`] = us;
    out[`insert_us_${wal}_median_objects`] = median(us.objects);
    out[`insert_us_${wal}_median_compact`] = median(us.compact);
  }
  console.log(JSON.stringify(out));
}
void main();
