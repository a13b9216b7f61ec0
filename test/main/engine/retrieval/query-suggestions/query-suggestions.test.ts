import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../../../src/main/engine/engine';
import { QuerySuggestions } from '../../../../../src/main/engine/retrieval/query-suggestions/query-suggestions';
import { openDatabase } from '../../../../../src/main/engine/store';
import type { CatalogItem } from '../../../../../src/shared/contract';
import { tempDir } from '../../../../helpers/temp-dir';

const ITEMS: CatalogItem[] = [
  { itemId: 'shoe', title: 'Trail running shoe', brand: 'Stride', category: 'Sports > Footwear', price: 90 },
  { itemId: 'shoe2', title: 'Road running shoe', brand: 'Pace', category: 'Sports > Footwear', price: 40 },
  { itemId: 'kettle', title: 'Steel kettle', brand: 'Kitchenco', category: 'Home > Kitchen', price: 30 },
];

/** Through the contract, as the console and a storefront do: search as a shopper, then click the first result of that list. */
async function searchAndClick(engine: Engine, query: string, shopperId: string): Promise<void> {
  const list = await engine.dispatcher.call('search', { query, shopperId, k: 5 });
  const first = list.items[0]!;
  await engine.dispatcher.call('events.ingest', { events: [{ type: 'click', shopperId, itemId: first.itemId, impressionId: list.impressionId, position: first.position }] });
}

const suggest = async (engine: Engine, query: string, shopperId?: string) =>
  (await engine.dispatcher.call('search.suggest', { query, k: 5, ...(shopperId ? { shopperId } : {}) })).suggestions;

describe('query suggestions through the engine: attribution, threshold, restart, erasure', () => {
  const dirs: { cleanup: () => void }[] = [];
  const engines: Engine[] = [];
  const open = async (dir: string): Promise<Engine> => {
    const engine = new Engine({ dataDir: dir, host: 'test' });
    engines.push(engine);
    await engine.querySuggestions.whenReady();
    return engine;
  };
  afterEach(async () => {
    for (const e of engines.splice(0)) await e.close();
    for (const d of dirs.splice(0)) d.cleanup();
  });

  it('suggests a clicked past query (past queries first, then catalogue words), only to its shopper until a second shopper clicked', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const engine = await open(dir.dir);
    await engine.dispatcher.call('catalog.upsert', { items: ITEMS });
    // Searched and not clicked: never suggested.
    await engine.dispatcher.call('search', { query: 'steel kettle', shopperId: 'ann', k: 5 });
    await engine.dispatcher.call('search', { query: 'steel kettle', shopperId: 'bob', k: 5 });
    expect((await suggest(engine, 'steel')).filter((s) => s.kind === 'query')).toEqual([]);

    await searchAndClick(engine, 'Trail  Running shoe', 'ann');
    // One shopper: not offered to others or to an anonymous search...
    expect((await suggest(engine, 'trail')).filter((s) => s.kind === 'query')).toEqual([]);
    expect((await suggest(engine, 'trail', 'bob')).filter((s) => s.kind === 'query')).toEqual([]);
    // ...but to her, normalised, first, with her clicks; catalogue words follow.
    const hers = await suggest(engine, 'TRAIL r', 'ann');
    expect(hers[0]).toEqual({ text: 'trail running shoe', kind: 'query', clicks: 1 });
    expect(hers.slice(1)).toContainEqual({ text: 'trail running', kind: 'term', clicks: 0, items: 2 });

    await searchAndClick(engine, 'trail running shoe', 'bob');
    expect((await suggest(engine, 'trail r'))[0]).toEqual({ text: 'trail running shoe', kind: 'query', clicks: 2 });
  });

  it('files a misspelt query under its correction, and rebuilds from the store after a restart and an erasure', async () => {
    const dir = tempDir();
    dirs.push(dir);
    let engine = await open(dir.dir);
    await engine.dispatcher.call('catalog.upsert', { items: ITEMS });
    await searchAndClick(engine, 'raod running', 'ann');
    await searchAndClick(engine, 'road running', 'bob');
    await searchAndClick(engine, 'road running', 'bob');
    expect((await suggest(engine, 'road'))[0]).toEqual({ text: 'road running', kind: 'query', clicks: 3 });

    // Nothing of its own is stored: a new engine on the same store derives the same index.
    await engine.close();
    engines.splice(0);
    engine = await open(dir.dir);
    await engine.querySuggestions.whenReady();
    expect((await suggest(engine, 'road'))[0]).toEqual({ text: 'road running', kind: 'query', clicks: 3 });

    // Erasing Ann leaves Bob alone below the threshold: no longer suggested to others.
    await engine.dispatcher.call('shoppers.erase', { shopperId: 'ann', confirm: { reason: 'test' } });
    await engine.querySuggestions.whenReady();
    expect((await suggest(engine, 'road')).filter((s) => s.kind === 'query')).toEqual([]);
    expect((await suggest(engine, 'road', 'bob'))[0]).toEqual({ text: 'road running', kind: 'query', clicks: 2 });
  });

  it('rebuilds after a retention run deleted the lists and rewards behind a suggestion', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const engine = await open(dir.dir);
    await engine.dispatcher.call('catalog.upsert', { items: ITEMS });
    const old = Date.now() - 40 * 86_400_000;
    for (const shopperId of ['ann', 'bob']) {
      const list = await engine.dispatcher.call('search', { query: 'steel kettle', shopperId, k: 5 });
      await engine.dispatcher.call('events.ingest', { events: [{ type: 'click', shopperId, itemId: 'kettle', impressionId: list.impressionId, ts: old }] });
    }
    expect((await suggest(engine, 'steel'))[0]).toEqual({ text: 'steel kettle', kind: 'query', clicks: 2 });
    const writer = openDatabase(join(dir.dir, 'instinct.db'));
    writer.prepare("UPDATE impressions SET created_at = ? WHERE slot = 'search'").run(old);
    writer.close();
    await engine.dispatcher.call('retention.set', { rawDataDays: 30, confirm: { reason: 'test' } });
    expect(await engine.dispatcher.call('retention.apply', {})).toMatchObject({ impressions: 2, rewards: 2 });
    await engine.querySuggestions.whenReady();
    expect((await suggest(engine, 'steel')).filter((s) => s.kind === 'query')).toEqual([]);
  });

  it('validates the request', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const engine = await open(dir.dir);
    await expect(engine.dispatcher.call('search.suggest', { query: 'x', k: 0 })).rejects.toThrow();
    await expect(engine.dispatcher.call('search.suggest', { query: 'x', shopperId: '' })).rejects.toThrow();
  });
});

describe('QuerySuggestions.rebuild', () => {
  it('reads the store in small chunks and counts a reward that arrives mid-rebuild once', async () => {
    const dir = tempDir();
    const engine = new Engine({ dataDir: dir.dir, host: 'test' });
    const reader = openDatabase(join(dir.dir, 'instinct.db'));
    try {
      await engine.dispatcher.call('catalog.upsert', { items: ITEMS });
      for (const shopper of ['ann', 'bob', 'cy']) {
        await searchAndClick(engine, 'trail running', shopper);
        await searchAndClick(engine, 'steel kettle', shopper);
      }
      let turns = 0;
      const mine: QuerySuggestions = new QuerySuggestions({
        db: reader,
        chunk: { seqRange: 3, rows: 1 },
        pause: async () => {
          turns++;
          if (turns === 2) {
            // A click committed while the rebuild runs: the store has it, and the loop hands it to the live index.
            const list = await engine.dispatcher.call('search', { query: 'road running', shopperId: 'dee', k: 5 });
            await engine.dispatcher.call('events.ingest', { events: [{ type: 'click', shopperId: 'dee', itemId: list.items[0]!.itemId, impressionId: list.impressionId }] });
            mine.observe([{ reward: { type: 'click', ts: Date.now(), firstForItem: true, impressionId: list.impressionId }, list: { slot: 'search', query: 'road running', shopperId: 'dee', sessionId: null } }]);
          }
        },
      });
      await mine.rebuild();
      expect(turns).toBeGreaterThan(6);
      expect(mine.suggest('trail', 5)).toEqual([{ text: 'trail running', clicks: 3, conversions: 0, own: false }]);
      expect(mine.suggest('steel', 5)).toEqual([{ text: 'steel kettle', clicks: 3, conversions: 0, own: false }]);
      // Dee's click: counted once (from the store), and below the threshold shown to her only.
      expect(mine.suggest('road', 5)).toEqual([]);
      expect(mine.suggest('road', 5, 'dee')).toEqual([{ text: 'road running', clicks: 1, conversions: 0, own: true }]);
      // The same as the engine's own index, kept by the loop.
      expect(mine.suggest('t', 5)).toEqual(engine.querySuggestions.suggest('t', 5));
    } finally {
      reader.close();
      await engine.close();
      dir.cleanup();
    }
  });
});
