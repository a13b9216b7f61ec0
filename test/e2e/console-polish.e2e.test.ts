import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';

describe('console polish: sessions filter to the Inspector, tuning at 1024 px, focus rings, product names', () => {
  const ui = useConsoleSession('instinct-e2e-polish-');

  it('filters sessions by purchase and length, and opens one in the Inspector', async () => {
    const { page, errors } = await ui.open('sessions');
    await page.getByTestId('sessions-page').waitFor({ timeout: 30_000 });
    const rows = page.getByTestId('session-row');
    await rows.first().waitFor({ timeout: 30_000 });
    // Seeded shoppers buy: some sessions have a purchase.
    await expect.poll(async () => (await ui.rpc<unknown[]>('sessions.list', { limit: 50, purchased: true })).length, { timeout: 30_000 }).toBeGreaterThan(0);

    await page.getByTestId('session-filter-purchase').selectOption('with');
    await page.getByTestId('session-filter-min').fill('2');
    await page.getByTestId('session-filter-apply').click();
    const purchases = () => page.locator('[data-testid="session-row"] td:nth-child(6)').allTextContents();
    const events = () => page.locator('[data-testid="session-row"] td:nth-child(5)').allTextContents();
    await expect.poll(async () => (await purchases()).length > 0 && (await purchases()).every((p) => Number(p.replace(/\D/g, '')) >= 1), { timeout: 15_000 }).toBe(true);
    expect((await events()).every((n) => Number(n.replace(/\D/g, '')) >= 2)).toBe(true);

    // Without a purchase: no row shows one.
    await page.getByTestId('session-filter-purchase').selectOption('without');
    await page.getByTestId('session-filter-apply').click();
    await expect.poll(async () => (await purchases()).every((p) => p.trim() === '0'), { timeout: 15_000 }).toBe(true);
    // A wrong length is refused in words, and nothing is sent.
    await page.getByTestId('session-filter-max').fill('1');
    await page.getByTestId('session-filter-apply').click();
    await page.locator('#session-filter-error').waitFor();
    await page.getByTestId('session-filter-max').fill('');

    await page.getByTestId('session-filter-purchase').selectOption('with');
    await page.getByTestId('session-filter-apply').click();
    await expect.poll(async () => (await purchases()).length > 0 && (await purchases()).every((p) => Number(p.replace(/\D/g, '')) >= 1), { timeout: 15_000 }).toBe(true);
    const first = rows.first();
    const sessionId = (await first.getAttribute('data-session-id'))!;
    // The Inspect button is in view at 1400 px, not behind the table's horizontal scroll.
    const button = (await first.getByTestId('session-inspect').boundingBox())!;
    const scroller = (await page.locator('.page--sessions .table-scroll').first().boundingBox())!;
    expect(button.x + button.width).toBeLessThanOrEqual(scroller.x + scroller.width);
    await page.screenshot({ path: join(SHOTS, 'sessions-filtered.png') });
    await first.getByTestId('session-inspect').click();
    await page.getByTestId('inspector-page').waitFor({ timeout: 15_000 });
    expect(page.url()).toMatch(/#\/inspector$/);
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('timeline-event').count()).toBeGreaterThan(1);
    // The Inspector lists that shopper's sessions, the opened one marked.
    const opened = page.locator('[data-testid="inspector-session"][aria-pressed="true"]');
    await expect.poll(() => opened.count(), { timeout: 15_000 }).toBe(1);
    expect(await opened.getAttribute('data-session-id')).toBe(sessionId);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('keeps the tuning preview beside the sliders at 1024 px', async () => {
    const { page, errors } = await ui.open('tuning', { width: 1024, height: 768 });
    await page.getByTestId('tuning-page').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('preview-item').count(), { timeout: 30_000 }).toBeGreaterThan(3);
    const slider = (await page.getByTestId('weight-slider-text').boundingBox())!;
    const preview = (await page.getByTestId('preview-list').boundingBox())!;
    expect(preview.x).toBeGreaterThan(slider.x + slider.width);
    // Side by side: the preview starts within the sliders' height, not below them.
    expect(preview.y).toBeLessThan(slider.y + 400);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SHOTS, 'tuning-1024.png'), fullPage: true });

    // The keyboard focus ring is the 3:1 colour, not the pale amber.
    await page.getByTestId('weight-slider-text').focus();
    await page.keyboard.press('ArrowRight');
    const ring = await page.getByTestId('weight-slider-text').evaluate((el) => {
      const s = getComputedStyle(el);
      return `${s.outlineStyle} ${s.outlineColor}`;
    });
    expect(ring).toBe('solid rgb(180, 83, 9)');
    // Still side by side, and nothing pushed sideways, just above the width where the columns stack.
    await page.setViewportSize({ width: 920, height: 768 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { timeout: 5_000 }).toBeLessThanOrEqual(0);
    const narrowSlider = (await page.getByTestId('weight-slider-text').boundingBox())!;
    const narrowPreview = (await page.getByTestId('preview-list').boundingBox())!;
    expect(narrowPreview.x).toBeGreaterThan(narrowSlider.x + narrowSlider.width);
    await page.screenshot({ path: join(SHOTS, 'tuning-920.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('shows product names and priced amounts with the currency in the live feed', async () => {
    const { page, errors } = await ui.open('live');
    const subjects = page.getByTestId('feed-subject');
    await subjects.first().waitFor({ timeout: 30_000 });
    await expect.poll(async () => page.locator('[data-testid="feed-subject"] .feed-title').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const [title, itemId] = await page.locator('[data-testid="feed-subject"]:has(.feed-title)').first().evaluate((el) => [el.querySelector('.feed-title')?.textContent ?? '', el.getAttribute('title') ?? '']);
    const item = await ui.rpc<{ title: string }>('catalog.get', { itemId: /\(([^()]+)\)$/.exec(itemId!)![1] });
    expect(title).toBe(item.title);
    const prices = await page.locator('[data-testid="feed-row"] td:last-child').allTextContents();
    const priced = prices.filter((p) => /\d/.test(p));
    if (priced.length > 0) expect(priced.every((p) => p.includes('$'))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'live-names.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
