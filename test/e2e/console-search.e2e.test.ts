import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';
import { expectNoHorizontalScroll } from '../helpers/no-horizontal-scroll';

interface Listed {
  items: { itemId: string; title: string }[];
}

/** Swaps two inner letters: one edit (a transposition) away from the catalogue's word. */
const misspell = (word: string): string => word.slice(0, 2) + word[3] + word[2] + word.slice(4);

describe('console search page', () => {
  const ui = useConsoleSession('instinct-e2e-search-', { env: { INSTINCT_SIMULATOR: 'off' } });

  it('finds the right product card for a misspelt product word, with facets and reasons, and fits 900 px', async () => {
    // A product whose title has a word long enough to correct (5+ letters, letters only).
    const { items } = await ui.rpc<Listed>('catalog.list', { limit: 200 });
    const target = items.find((i) => i.title.split(/\s+/).some((w) => /^[a-z]{5,}$/i.test(w) && misspell(w.toLowerCase()) !== w.toLowerCase()))!;
    const words = target.title.split(/\s+/);
    const index = words.findIndex((w) => /^[a-z]{5,}$/i.test(w) && misspell(w.toLowerCase()) !== w.toLowerCase());
    const typo = misspell(words[index]!.toLowerCase());
    // The misspelt word first, so it is not the prefix being typed.
    const query = [typo, ...words.filter((_, i) => i !== index)].join(' ');

    const { page, errors } = await ui.open('search', { width: 1400, height: 1000 });
    await page.getByTestId('search-query').waitFor({ timeout: 30_000 });
    await page.getByTestId('search-query').fill(query);
    await page.getByTestId('search-query').press('Enter');
    const card = page.locator(`[data-testid="product-card"][data-item-id="${target.itemId}"]`);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('.product-title').textContent()).toBe(target.title);
    expect(await page.getByTestId('search-correction').first().textContent()).toContain(words[index]!.toLowerCase());
    expect(await card.getByTestId('product-reasons').textContent()).toMatch(/spelling corrected|matches/);
    // Facet counts are shown, and the numbers are one click away.
    await expect.poll(() => page.getByTestId('search-facets').locator('input[type="checkbox"]').count()).toBeGreaterThan(0);
    await card.locator('.product-numbers summary').click();
    expect(await card.getByTestId('explanation-bar').isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'search.png'), fullPage: true });

    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: join(SHOTS, 'search-900.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('ticks one brand, still offers the others with their counts, and a second tick shows both brands', async () => {
    // A title word that two or more brands share among the matched items.
    const { items } = await ui.rpc<Listed>('catalog.list', { limit: 200 });
    const candidates = [...new Set(items.flatMap((i) => i.title.toLowerCase().split(/\s+/).filter((w) => /^[a-z]{4,}$/.test(w))))];
    let query = '';
    let brands: { value: string; count: number }[] = [];
    for (const word of candidates) {
      const found = await ui.rpc<{ facets?: { brands: { value: string; count: number }[] } }>('search', { query: word, k: 20 });
      if ((found.facets?.brands.length ?? 0) >= 2) {
        query = word;
        brands = found.facets!.brands;
        break;
      }
    }
    expect(brands.length).toBeGreaterThanOrEqual(2);
    const [first, second] = brands as [{ value: string; count: number }, { value: string; count: number }];

    const { page, errors } = await ui.open('search', { width: 1400, height: 1000 });
    await page.getByTestId('search-query').waitFor({ timeout: 30_000 });
    await page.getByTestId('search-query').fill(query);
    await page.getByTestId('search-query').press('Enter');
    const brandBox = (value: string) => page.getByTestId('search-facets').locator('fieldset', { has: page.locator('legend', { hasText: /^Brand$/ }) }).locator('label', { hasText: value }).locator('input');
    const cardBrands = async (): Promise<string[]> => [...new Set(await page.locator('[data-testid="product-card"] .product-meta .muted').allTextContents())];
    await brandBox(first.value).check();
    await expect.poll(cardBrands, { timeout: 15_000 }).toEqual([first.value]);
    // The brand facet counts as if no brand were ticked: the second brand is still offered, with its count.
    expect(await brandBox(second.value).isChecked()).toBe(false);
    expect(await page.getByTestId('search-facets').locator('label', { hasText: second.value }).first().textContent()).toContain(String(second.count));
    await brandBox(second.value).check();
    // Both brands' keyword matches now count as matched, and every card is of one of the two.
    const meta = page.getByTestId('search-results').locator('p.muted').first();
    const both = new Intl.NumberFormat('en').format(first.count + second.count);
    await expect.poll(async () => await meta.textContent(), { timeout: 15_000 }).toContain(`of ${both} matching`);
    expect((await cardBrands()).every((b) => b === first.value || b === second.value)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('sorts every keyword-matched item by price, low to high, not only the most relevant', async () => {
    // The whole catalogue, and a title word more items hold than the page shows.
    const all: { itemId: string; title: string; price?: number }[] = [];
    for (let offset = 0; ; offset += 500) {
      const { items } = await ui.rpc<{ items: { itemId: string; title: string; price?: number }[] }>('catalog.list', { limit: 500, offset });
      all.push(...items);
      if (items.length < 500) break;
    }
    const holding = (word: string) => all.filter((i) => i.title.toLowerCase().split(/[^a-z0-9]+/).includes(word) && i.price !== undefined);
    const counts = new Map<string, number>();
    for (const i of all) for (const w of new Set(i.title.toLowerCase().split(/[^a-z]+/))) if (w.length >= 4) counts.set(w, (counts.get(w) ?? 0) + 1);
    const word = [...counts.entries()].filter(([, n]) => n >= 60).sort((a, b) => a[1] - b[1])[0]![0];
    const cheapest = Math.min(...holding(word).map((i) => i.price!));
    // By relevance the cheapest of them is not first (else the check below proves nothing).
    const relevance = await ui.rpc<{ items: { price?: number }[] }>('search', { query: word, k: 24 });
    expect(relevance.items[0]!.price).toBeGreaterThan(cheapest);

    const { page, errors } = await ui.open('search', { width: 1400, height: 1000 });
    await page.getByTestId('search-query').waitFor({ timeout: 30_000 });
    await page.getByTestId('search-query').fill(word);
    await page.getByTestId('search-query').press('Enter');
    await page.getByTestId('product-card').first().waitFor({ timeout: 30_000 });
    await page.getByLabel('Sort').selectOption('priceAsc');
    const prices = async (): Promise<number[]> => (await page.getByTestId('product-price').evaluateAll((els) => els.map((e) => e.getAttribute('data-price') ?? ''))).filter((p) => p !== '').map(Number);
    // Sorted over every match: the first card costs no more than the cheapest item with the word in its title.
    await expect.poll(async () => (await prices())[0], { timeout: 15_000 }).toBeLessThanOrEqual(cheapest);
    const shown = await prices();
    expect(shown.length).toBeGreaterThanOrEqual(20);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('searches in a segment the shop would send: a pin for that segment fires only there', async () => {
    const { items } = await ui.rpc<Listed>('catalog.list', { limit: 200 });
    const word = items.map((i) => i.title.toLowerCase().split(/\s+/).find((w) => /^[a-z]{5,}$/.test(w))).find((w): w is string => w !== undefined)!;
    const plain = await ui.rpc<{ items: { itemId: string }[] }>('search', { query: word, k: 24 });
    expect(plain.items.length).toBeGreaterThanOrEqual(4);
    const pinned = plain.items[3]!.itemId;
    await ui.rpc('rules.create', { kind: 'pin', target: { type: 'item', itemId: pinned }, position: 1, query: { match: 'exact', text: word }, segment: 'vip', confirm: { reason: 'e2e: a pin for vip shoppers' } });

    const { page, errors } = await ui.open('search', { width: 1400, height: 1000 });
    await page.getByTestId('search-query').waitFor({ timeout: 30_000 });
    await page.getByTestId('search-query').fill(word);
    await page.getByTestId('search-query').press('Enter');
    const cards = page.getByTestId('product-card');
    await cards.first().waitFor({ timeout: 30_000 });
    expect(await cards.first().getAttribute('data-item-id')).not.toBe(pinned);
    await page.getByTestId('search-segments').fill('VIP');
    await page.getByTestId('search-query').press('Enter');
    await expect.poll(() => cards.first().getAttribute('data-item-id'), { timeout: 15_000 }).toBe(pinned);
    expect(await cards.first().getByTestId('product-reasons').textContent()).toMatch(/moved by a rule/);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('suggests a past query whose results two shoppers clicked, and the keyboard chooses and searches it', async () => {
    // Two shoppers search the same words and click a result (explicit attribution through the list's id).
    const { items } = await ui.rpc<Listed>('catalog.list', { limit: 50 });
    const words = items.map((i) => i.title.toLowerCase().split(/\s+/).filter((w) => /^[a-z]{4,}$/.test(w))).find((w) => w.length >= 2)!;
    const query = `${words[0]} ${words[1]}`;
    for (const shopperId of ['e2e-suggest-a', 'e2e-suggest-b']) {
      const list = await ui.rpc<{ impressionId: string; items: { itemId: string; position: number }[] }>('search', { query, shopperId, k: 5 });
      const first = list.items[0]!;
      await ui.rpc('events.ingest', { events: [{ type: 'click', shopperId, itemId: first.itemId, impressionId: list.impressionId, position: first.position }] });
    }

    const { page, errors } = await ui.open('search');
    const box = page.getByTestId('search-query');
    await box.waitFor({ timeout: 30_000 });
    await box.fill(query.slice(0, words[0]!.length + 2));
    const past = page.locator(`[data-testid="search-suggestion"][data-kind="query"]`, { hasText: query });
    await past.waitFor({ timeout: 10_000 });
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await past.textContent()).toContain('past search · clicks: 2');
    // Arrow down to it (the first option: past queries come first), Enter searches it.
    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await past.getAttribute('id'));
    await box.press('Enter');
    await page.getByTestId('product-card').first().waitFor({ timeout: 30_000 });
    expect(await box.inputValue()).toBe(query);
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
