import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';
import { expectNoHorizontalScroll } from '../helpers/no-horizontal-scroll';

describe('console shopper & session inspector', () => {
  // The seeded sessions are what this replays: simulated shoppers would put one-event sessions first.
  const ui = useConsoleSession('instinct-e2e-inspector-', { env: { INSTINCT_SIMULATOR: 'off' } });

  it('replays a session: timeline, intent and explained recommendations for a chosen event', async () => {
    const page = await ui.browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${ui.demo.consoleUrl}#/inspector`);
    await page.getByTestId('inspector-page').waitFor({ timeout: 30_000 });
    const sessions = page.getByTestId('inspector-session');
    await sessions.first().waitFor({ timeout: 30_000 });

    // Filter by a shopper: every session listed is theirs.
    const shopper = (await sessions.first().locator('.finder-shopper').textContent())!;
    await page.getByTestId('shopper-filter').fill(shopper);
    await page.getByTestId('shopper-filter').press('Enter');
    await expect.poll(async () => new Set(await page.locator('[data-testid="inspector-session"] .finder-shopper').allTextContents()).size).toBe(1);
    expect(await page.locator('[data-testid="inspector-session"] .finder-shopper').first().textContent()).toBe(shopper);

    await sessions.first().click();
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor({ timeout: 30_000 });
    const events = page.getByTestId('timeline-event');
    await expect.poll(() => events.count()).toBeGreaterThan(1);
    expect(await events.first().getAttribute('data-event-id')).toBeTruthy();
    // The newest event is chosen first; choose the second one with the mouse, then move with the keyboard.
    await events.nth(1).click();
    await expect.poll(() => events.nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => events.first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => events.nth(1).getAttribute('aria-selected')).toBe('true');

    await page.getByTestId('intent-summary').waitFor();
    const recs = page.getByTestId('step-recommendations');
    await recs.waitFor();
    const bars = recs.getByTestId('explanation-bar');
    await expect.poll(() => bars.count()).toBeGreaterThan(0);
    expect(await bars.first().isVisible()).toBe(true);
    expect(await bars.first().getAttribute('aria-label')).toMatch(/^Score \d/);
    expect(await bars.first().locator('.explain-seg').count()).toBeGreaterThan(0);
    // The current-recommendations panel for the shopper.
    await page.getByTestId('current-recommendations').getByTestId('explanation-bar').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'inspector.png'), fullPage: true });

    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: join(SHOTS, 'inspector-900.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
