import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempEngine } from '../../../helpers/temp-dir';

describe('catalog.titles (the Live feed\'s product names)', () => {
  let env: ReturnType<typeof tempEngine>;
  beforeEach(() => {
    env = tempEngine();
    env.engine.catalog.upsertItems([
      { itemId: 'sku-1', title: 'Red running shoe' },
      { itemId: 'sku-2', title: 'Blue rain jacket' },
    ]);
  });
  afterEach(() => env.cleanup());

  it('answers the titles of known items and leaves unknown ids out', async () => {
    expect(await env.engine.dispatcher.call('catalog.titles', { itemIds: ['sku-2', 'nope', 'sku-1'] })).toEqual({ 'sku-2': 'Blue rain jacket', 'sku-1': 'Red running shoe' });
  });

  it('refuses an empty or oversize request', async () => {
    await expect(env.engine.dispatcher.call('catalog.titles', { itemIds: [] })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(env.engine.dispatcher.call('catalog.titles', { itemIds: Array.from({ length: 501 }, (_, i) => `i${i}`) })).rejects.toMatchObject({ code: 'bad_request' });
  });
});
