import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';
import { expectNoHorizontalScroll } from '../helpers/no-horizontal-scroll';

/** The demo runs the shopper simulator by default: lists are requested, clicked and bought from live. */
const LIVE_DATA_TIMEOUT_MS = 120_000;

describe('console performance page on the live demo', () => {
  const ui = useConsoleSession('instinct-e2e-performance-');

  it('shows a non-zero CTR with its interval that updates by itself, the chart, the position curve and attribution', async () => {
    const { page, errors } = await ui.open('performance');
    await page.getByTestId('performance-page').waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { level: 1, name: 'Performance' }).waitFor();

    const ctr = page.getByTestId('kpi-ctr');
    const ctrValue = async () => Number((await ctr.getAttribute('data-value')) || '0');
    await expect.poll(ctrValue, { timeout: LIVE_DATA_TIMEOUT_MS, interval: 1_000 }).toBeGreaterThan(0);
    const first = await ctr.getAttribute('data-value');
    const firstLists = Number(await ctr.getAttribute('data-lists'));
    expect(Number(await ctr.getAttribute('data-low'))).toBeLessThanOrEqual(Number(first));
    expect(Number(await ctr.getAttribute('data-high'))).toBeGreaterThanOrEqual(Number(first));
    expect(await ctr.textContent()).toMatch(/\d+\.\d\d%.*95% CI \d+\.\d\d% – \d+\.\d\d%/);

    // Nobody clicks Refresh: the tile re-reads itself every few seconds while shoppers keep arriving.
    const started = Date.now();
    await expect.poll(() => ctr.getAttribute('data-value'), { timeout: 60_000, interval: 1_000 }).not.toBe(first);
    console.log(`[e2e] CTR tile moved from ${first} to ${await ctr.getAttribute('data-value')} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(Number(await ctr.getAttribute('data-lists'))).toBeGreaterThanOrEqual(firstLists);

    // The chart, the position curve and the attribution counts come from the same live rewards.
    await expect.poll(async () => Number(await page.getByTestId('metric-chart').getAttribute('data-points')), { timeout: 45_000 }).toBeGreaterThan(0);
    await expect.poll(async () => Number(await page.getByTestId('position-curve').getAttribute('data-points')), { timeout: 45_000 }).toBeGreaterThan(0);
    await expect.poll(async () => Number((await page.getByTestId('attribution-panel').getAttribute('data-rewards')) || '0'), { timeout: 45_000 }).toBeGreaterThan(0);
    await page.getByTestId('search-analytics').waitFor();
    await page.screenshot({ path: join(SHOTS, 'performance.png'), fullPage: true });

    // Break down by slot: one row per slot, each with its interval.
    await page.getByTestId('performance-dimension').selectOption('slot');
    await expect.poll(() => page.getByTestId('breakdown-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // Another range re-queries; the tiles keep a figure.
    await page.getByTestId('range-7d').check();
    await expect.poll(ctrValue, { timeout: 15_000 }).toBeGreaterThan(0);

    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: join(SHOTS, 'performance-900.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
