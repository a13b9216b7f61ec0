import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StoresProvider } from '../../src/renderer/src/app/StoresContext';
import { SearchPage } from '../../src/renderer/src/pages/search/SearchPage';
import { createAppStores, type AppStores } from '../../src/renderer/src/stores/appStores';
import { CHANNELS, type RankedItem, type SearchResult } from '../../src/renderer/src/transport/contract';
import { fakeClient } from './fakes';

function render(stores: AppStores): string {
  for (const store of Object.values(stores) as Array<{ getInitialState: () => unknown; getState: () => unknown }>) store.getInitialState = store.getState;
  return renderToStaticMarkup(createElement(StoresProvider, { stores, children: createElement(SearchPage) }));
}

const zero = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as RankedItem['contributions'];

describe('Search page', () => {
  it('renders the query box, product cards with image or placeholder, price, stock, facets and synonyms', () => {
    const stores = createAppStores(fakeClient().client);
    const items: RankedItem[] = [
      { itemId: 'a', title: 'Trail running shoe', brand: 'Stride', price: 90, position: 1, score: 0.5, propensity: 1, contributions: { ...zero, popularity: 0.5 }, rules: [], sources: ['lexical'] },
      { itemId: 'b', title: 'Road running shoe', position: 2, score: 0.2, propensity: 1, contributions: zero, rules: [], sources: ['semantic'] },
    ];
    const result: SearchResult = {
      impressionId: 'i', experiment: null, policy: 'weights', explored: false, slot: 'search', shopperId: null, sessionId: null, coldStart: true, weightsVersion: 1, modelVersion: 'm', purchaseIntent: 0, items, tookMs: 3,
      facets: { matched: 2, truncated: false, brands: [{ value: 'Stride', count: 1 }], categories: [], priceRanges: [{ min: 50, max: 100, count: 1 }], inStock: { inStock: 1, outOfStock: 1 }, attributes: [{ name: 'colour', values: [{ value: 'red', count: 1 }] }] },
      rewrite: { corrections: [{ typed: 'runing', corrected: ['running'] }], synonyms: [], encoderText: 'running shoe' },
      products: { a: { imageUrl: 'https://img.example/a.jpg', inStock: true, updatedAt: 1 }, b: { imageUrl: null, inStock: false, updatedAt: 1 } },
    };
    stores.search.setState({ query: 'runing shoe', searched: 'runing shoe', result, suggestions: [{ text: 'runing shoes', kind: 'query', clicks: 1234 }, { text: 'runing shoelace', kind: 'term', clicks: 0, items: 7 }], synonyms: [{ synonymId: 's1', kind: 'one-way', from: 'tv', terms: ['television'], updatedAt: 1 }] });
    const html = render(stores);
    expect(html).toContain('data-testid="search-query"');
    // Type-ahead as a combobox: the listbox it controls holds both kinds, each said in words (closed until typing).
    expect(html).toMatch(/role="combobox"[^>]*aria-expanded="false"[^>]*aria-controls="search-suggestions"/);
    expect(html).toMatch(/<ul id="search-suggestions" role="listbox" aria-label="Suggestions"[^>]*hidden/);
    expect(html.match(/role="option"/g)).toHaveLength(2);
    expect(html).toContain('past search · clicks: 1,234');
    expect(html).toContain('catalogue word · items: 7');
    expect(html.match(/data-testid="product-card"/g)).toHaveLength(2);
    expect(html).toContain('src="https://img.example/a.jpg"');
    expect(html).toContain('No image');
    expect(html).toContain('Out of stock');
    expect(html).toMatch(/\$90\.00/);
    expect(html).toContain('Showing results for running');
    expect(html).toContain('popular lately');
    expect(html).toContain('<dt>Score</dt>');
    expect(html).toContain('Stride (1)');
    expect(html).toContain('red (1)');
    expect(html).toContain('tv → television');
    expect(html).not.toMatch(/\{[a-z]+\}/i);
  });
});
