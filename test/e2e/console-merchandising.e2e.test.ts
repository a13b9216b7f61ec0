import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';
import { expectNoHorizontalScroll } from '../helpers/no-horizontal-scroll';
import { confirmRisk } from '../helpers/risk-dialog';

/** Joining words of product titles: a query of one of them would not be a product search. */
const STOP = new Set(['with', 'from', 'and', 'for', 'the']);

interface Listed {
  items: { itemId: string; title: string; brand?: string }[];
}
interface Searched {
  items: { itemId: string; brand?: string }[];
}

/** The risk dialog opened (a drop or a button asked for a rule) within `ms`. */
async function dialogOpened(page: Page, ms: number): Promise<boolean> {
  try {
    await expect.poll(() => page.getByTestId('risk-dialog').getAttribute('data-state'), { timeout: ms }).not.toBe('closed');
    return true;
  } catch {
    return false;
  }
}

const attr = (rows: Locator, name: string) => rows.evaluateAll((els, n) => els.map((e) => e.getAttribute(n) ?? ''), name);

describe('console merchandising from the Search page', () => {
  const ui = useConsoleSession('instinct-e2e-merch-', { env: { INSTINCT_SIMULATOR: 'off' } });

  it('pins the third card at 1 by dragging it, sees it on the Rules page preview, then buries a brand, sees its items move down, and undoes the bury', async () => {
    // The most common title word of the demo catalogue whose search shows a brand at least twice: enough results to move.
    const { items } = await ui.rpc<Listed>('catalog.list', { limit: 200 });
    const counts = new Map<string, number>();
    for (const i of items) for (const w of new Set(i.title.toLowerCase().split(/\s+/))) if (/^[a-z]{4,}$/.test(w) && !STOP.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    const words = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
    let query = '';
    for (const w of words.slice(0, 10)) {
      const found = await ui.rpc<Searched>('search', { query: w, k: 24 });
      const brands = found.items.slice(1).map((i) => i.brand).filter((b): b is string => !!b);
      if (found.items.length >= 6 && brands.some((b, i) => brands.indexOf(b) !== i)) {
        query = w;
        break;
      }
    }
    expect(query).not.toBe('');

    const { page, errors } = await ui.open('search', { width: 1400, height: 1000 });
    await page.getByTestId('search-query').waitFor({ timeout: 30_000 });
    await page.getByTestId('search-query').fill(query);
    await page.getByTestId('search-query').press('Enter');
    const cards = page.getByTestId('product-card');
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
    const thirdId = (await cards.nth(2).getAttribute('data-item-id'))!;

    // The keyboard way previews too: the position form of the fourth card, set to 2, says where it lands; cancelling clears it.
    const fourth = cards.nth(3);
    await fourth.getByTestId('card-pin').click();
    await fourth.getByTestId('card-pin-position').fill('2');
    const keyboardPreview = page.getByTestId('search-drop-preview');
    await expect.poll(() => keyboardPreview.getAttribute('data-lands-at'), { timeout: 15_000 }).toBe('2');
    expect(await keyboardPreview.getAttribute('data-down')).toBe('2');
    await fourth.getByRole('button', { name: 'Cancel' }).click();
    await keyboardPreview.waitFor({ state: 'detached', timeout: 5_000 });

    // Drag the third card onto the first (position 1); the button with a position is the fallback.
    // While it is over the first card, before the drop, the page says what the drop would do (the engine ranks the draft pin).
    await cards.nth(2).hover();
    await page.mouse.down();
    const firstBox = (await cards.nth(0).boundingBox())!;
    await page.mouse.move(firstBox.x + firstBox.width / 2, firstBox.y + firstBox.height / 3, { steps: 8 });
    const dropPreview = page.getByTestId('search-drop-preview');
    await expect.poll(() => dropPreview.getAttribute('data-lands-at'), { timeout: 15_000 }).toBe('1');
    // The first two cards move down one place each, and their badges say where to.
    expect(await dropPreview.getAttribute('data-down')).toBe('2');
    expect(await cards.nth(0).getByTestId('card-preview-position').getAttribute('data-position')).toBe('2');
    expect(await cards.nth(1).getByTestId('card-preview-position').getAttribute('data-position')).toBe('3');
    await page.screenshot({ path: join(SHOTS, 'search-drop-preview.png') });
    // A preview stores nothing.
    expect(await ui.rpc<unknown[]>('rules.list', {})).toEqual([]);
    await page.mouse.move(firstBox.x + firstBox.width / 2, firstBox.y + firstBox.height / 2, { steps: 2 });
    await page.mouse.up();
    let via = 'drag';
    if (!(await dialogOpened(page, 5_000))) {
      via = 'button';
      const third = page.locator(`[data-testid="product-card"][data-item-id="${thirdId}"]`);
      await third.getByTestId('card-pin').click();
      await third.getByTestId('card-pin-position').fill('1');
      await third.getByTestId('card-pin-confirm').click();
    }
    console.log(`[e2e] pinned via ${via}`);
    expect(via).toBe('drag');
    // The risk dialog says what the pin does to this search before anything is saved.
    const risk = page.getByTestId('risk-dialog');
    await expect.poll(() => risk.getAttribute('data-state'), { timeout: 30_000 }).toMatch(/^(ready|error)$/);
    expect(await risk.textContent()).toContain(`On a search for "${query}"`);
    await page.screenshot({ path: join(SHOTS, 'search-pin-dialog.png') });
    await confirmRisk(page, 'e2e: pin from the search page');
    await expect.poll(() => cards.first().getAttribute('data-item-id'), { timeout: 30_000 }).toBe(thirdId);
    // The before/after of that rule: the item went from 3 to 1, pinned.
    const effect = page.getByTestId('search-rule-effect');
    const pinnedRow = effect.locator(`[data-testid="before-after-after-item"][data-item-id="${thirdId}"]`);
    await pinnedRow.waitFor({ timeout: 30_000 });
    expect(await pinnedRow.getAttribute('data-after')).toBe('1');
    expect(await pinnedRow.getAttribute('data-actions')).toBe('pinned');
    const pinRule = (await effect.getByTestId('before-after').getAttribute('data-rules'))!;
    expect(pinRule).toMatch(/^r-\d+$/);

    // The Rules page lists the new rule and previews that search with it.
    await page.evaluate(() => (window.location.hash = '#/rules'));
    await page.locator(`[data-testid="rule-row"][data-rule-id="${pinRule}"]`).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('rule-preview-query').inputValue()).toBe(query);
    const preview = page.getByTestId('rule-preview');
    const previewPinned = preview.locator(`[data-testid="before-after-after-item"][data-item-id="${thirdId}"]`);
    await previewPinned.waitFor({ timeout: 30_000 });
    expect(await previewPinned.getAttribute('data-after')).toBe('1');
    expect(await previewPinned.getAttribute('data-actions')).toContain('pinned');
    await page.screenshot({ path: join(SHOTS, 'merchandising-rules.png'), fullPage: true });

    // Back on the Search page: bury a brand that shows at least twice (not on the pinned card).
    await page.evaluate(() => (window.location.hash = '#/search'));
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
    const shown = await cards.evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-item-id')!, brand: e.querySelector('.product-meta .muted')?.textContent ?? '' })));
    const pinnedBrand = shown.find((c) => c.id === thirdId)?.brand;
    const rest = shown.filter((c) => c.id !== thirdId && c.brand !== '' && c.brand !== pinnedBrand);
    const brand = rest.find((c) => rest.filter((d) => d.brand === c.brand).length >= 2)!.brand;
    const card = page.locator(`[data-testid="product-card"][data-item-id="${rest.find((c) => c.brand === brand)!.id}"]`);
    await card.getByTestId('card-bury-brand').click();
    await confirmRisk(page, 'e2e: bury a brand from the search page');
    const buryRule = effect.getByTestId('before-after');
    await expect.poll(() => buryRule.getAttribute('data-rules'), { timeout: 30_000 }).not.toBe(pinRule);

    // Every item of that brand shown before is marked buried, and none moved up; at least one moved down.
    const brandRows = effect.locator(`[data-testid="before-after-before-item"][data-brand="${brand}"]`);
    await expect.poll(() => brandRows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    const moves = await attr(brandRows, 'data-move');
    const actions = await attr(brandRows, 'data-actions');
    expect(actions.every((a) => a.includes('buried'))).toBe(true);
    expect(moves).not.toContain('up');
    expect(moves).toContain('down');
    expect(await effect.locator('.ba-item--buried').first().isVisible()).toBe(true);
    // Other brands' items are never marked buried.
    expect((await attr(effect.locator(`[data-testid="before-after-before-item"]:not([data-brand="${brand}"])`), 'data-actions')).some((a) => a.includes('buried'))).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'merchandising-search.png'), fullPage: true });

    // Undo deletes the bury rule the card created (the pin stays), and the page says so.
    const buryId = (await buryRule.getAttribute('data-rules'))!;
    await page.getByTestId('search-rule-undo').click();
    await expect.poll(() => page.getByTestId('search-rule-undone').getAttribute('data-rule-id'), { timeout: 15_000 }).toBe(buryId);
    const left = (await ui.rpc<{ ruleId: string }[]>('rules.list')).map((r) => r.ruleId);
    expect(left).toContain(pinRule);
    expect(left).not.toContain(buryId);
    expect(await page.getByTestId('search-rule-effect').count()).toBe(0);

    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: join(SHOTS, 'merchandising-search-900.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
