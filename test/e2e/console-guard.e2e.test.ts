import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';
import { expectNoHorizontalScroll } from '../helpers/no-horizontal-scroll';

const CHANNELS = ['text', 'visual', 'behaviour', 'popularity', 'recency', 'priceFit', 'purchaseIntent'] as const;
const REASON = 'e2e: recency only for the clearance week';

describe('console guarded publishing and the audit log', () => {
  const ui = useConsoleSession('instinct-e2e-guard-');

  it('asks for a reason before saving much worse weights, and the audit log shows the entry with that reason', async () => {
    const { page, errors } = await ui.open('tuning');
    await page.getByTestId('tuning-page').waitFor({ timeout: 30_000 });
    const before = await ui.rpc<{ version: number }>('weights.get');

    // Every channel at 0 but recency: far worse on the replayed metric.
    for (const channel of CHANNELS) {
      await page.getByTestId(`weight-slider-${channel}`).focus();
      await page.keyboard.press(channel === 'recency' ? 'End' : 'Home');
    }
    await page.getByTestId('weights-note').fill('recency only (e2e)');
    await page.getByTestId('save-weights').click();

    const dialog = page.getByRole('dialog');
    const risk = page.getByTestId('risk-dialog');
    await dialog.getByRole('heading', { name: 'Save these fusion weights?' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => risk.getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    expect(await risk.getAttribute('data-worse')).toBe('true');
    await risk.getByTestId('risk-worse').waitFor();
    expect(await risk.locator('[data-testid="risk-figure"][data-worse="true"]').count()).toBeGreaterThan(0);
    expect(await risk.getByTestId('risk-effects').locator('li').count()).toBeGreaterThan(0);
    const reason = risk.getByTestId('risk-reason');
    expect(await reason.getAttribute('aria-required')).toBe('true');
    const confirm = risk.getByTestId('risk-confirm');
    expect(await confirm.isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'guard-dialog.png'), fullPage: true });

    // Focus stays in the dialog; a two-letter reason is not enough.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
    }
    await reason.fill('no');
    expect(await confirm.isDisabled()).toBe(true);
    await reason.fill(REASON);
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    await confirm.click();
    await expect.poll(() => risk.getAttribute('data-state'), { timeout: 30_000 }).toBe('closed');

    const saved = await ui.rpc<{ version: number; weights: Record<string, number> }>('weights.get');
    expect(saved.version).toBe(before.version + 1);
    expect(saved.weights).toMatchObject({ text: 0, popularity: 0, recency: 4 });
    await page.getByTestId('weights-history').locator(`[data-testid="weights-version"][data-version="${saved.version}"]`).waitFor({ timeout: 15_000 });

    // The audit log has the entry, with who, when, the reason and the figures.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByTestId('audit-page').waitFor();
    const entry = page.locator('[data-testid="audit-entry"]').filter({ hasText: REASON }).first();
    await entry.waitFor({ timeout: 15_000 });
    const action = (await entry.getAttribute('data-action'))!;
    expect(action).toMatch(/weights/);
    expect(await entry.getByTestId('audit-reason').textContent()).toBe(REASON);
    expect(await entry.locator('td').first().textContent()).toMatch(/\d{4}|\d{1,2}:\d{2}/);
    await entry.getByRole('button', { name: /Show the full detail/ }).click();
    expect(await page.getByTestId('audit-detail').first().textContent()).toContain(REASON);

    // Filtering by that action keeps it; filtering by a word that is not there empties the table.
    await page.getByTestId('audit-filter-action').selectOption(action);
    await page.getByTestId('audit-apply').click();
    await page.locator('[data-testid="audit-entry"]').filter({ hasText: REASON }).first().waitFor({ timeout: 15_000 });
    expect(await page.locator(`[data-testid="audit-entry"]:not([data-action="${action}"])`).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'audit.png'), fullPage: true });
    await page.getByTestId('audit-filter-text').fill('no-such-word-e2e');
    await page.getByTestId('audit-apply').click();
    await expect.poll(() => page.getByTestId('audit-entry').count(), { timeout: 15_000 }).toBe(0);

    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
