import { describe, expect, it } from 'vitest';
import { collectCategories, listRequest, pageRange } from '../../src/renderer/src/stores/catalogQuery';
import { createCatalogStore } from '../../src/renderer/src/stores/catalogStore';
import type { StoredItem } from '../../src/renderer/src/transport/contract';
import { fakeClient } from './fakes';

const item = (itemId: string, category?: string): StoredItem => ({ itemId, title: `Item ${itemId}`, inStock: true, updatedAt: 1, ...(category ? { category } : {}) });

describe('catalogue query logic', () => {
  it('leaves blank filters out of the request', () => {
    expect(listRequest({ text: '  ', category: '', offset: 0, limit: 50 })).toEqual({ limit: 50, offset: 0 });
    expect(listRequest({ text: ' shoe ', category: 'Shoes', offset: 50, limit: 50 })).toEqual({ limit: 50, offset: 50, text: 'shoe', category: 'Shoes' });
  });

  it('describes the page in one-based rows', () => {
    expect(pageRange(50, 50, 240, 50)).toEqual({ from: 51, to: 100, hasPrevious: true, hasNext: true });
    expect(pageRange(200, 40, 240, 50)).toMatchObject({ from: 201, to: 240, hasNext: false });
    expect(pageRange(0, 0, 0, 50)).toEqual({ from: 0, to: 0, hasPrevious: false, hasNext: false });
  });

  it('collects categories, sorted and without repeats', () => {
    expect(collectCategories(['Shoes'], [item('1', 'Bags'), item('2', 'Shoes'), item('3')])).toEqual(['Bags', 'Shoes']);
  });
});

describe('catalogue store', () => {
  it('pages within the total and resets to the first page when a filter changes', async () => {
    const { client, transport } = fakeClient({ 'catalog.list': () => ({ total: 120, items: [item('1', 'Bags')] }) });
    const store = createCatalogStore(client);
    await store.getState().load();
    store.getState().nextPage();
    store.getState().nextPage();
    store.getState().nextPage();
    expect(store.getState().offset).toBe(100);
    store.getState().setText('bag');
    expect(store.getState().offset).toBe(0);
    await store.getState().load();
    expect(transport.calls.at(-1)?.input).toEqual({ limit: 50, offset: 0, text: 'bag' });
    expect(store.getState().knownCategories).toEqual(['Bags']);
  });

  it('ignores an answer overtaken by a newer request', async () => {
    const releases: Array<() => void> = [];
    const { client } = fakeClient({
      'catalog.list': async (input) => {
        await new Promise<void>((r) => releases.push(r));
        const text = (input as { text?: string }).text ?? '';
        return { total: 1, items: [item(text || 'all')] };
      },
    });
    const store = createCatalogStore(client);
    const first = store.getState().load();
    store.getState().setText('new');
    const second = store.getState().load();
    await Promise.resolve();
    releases[1]?.();
    await second;
    releases[0]?.();
    await first;
    expect(store.getState().items.map((i) => i.itemId)).toEqual(['new']);
    expect(store.getState().loading).toBe(false);
  });
});
