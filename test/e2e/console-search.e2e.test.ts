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
});
