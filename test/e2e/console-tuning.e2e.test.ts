import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';
import { expectNoHorizontalScroll } from '../helpers/no-horizontal-scroll';
import { confirmRisk } from '../helpers/risk-dialog';

describe('console fusion tuning and rules', () => {
  const ui = useConsoleSession('instinct-e2e-tuning-');

  const previewIds = (page: Page) => page.locator('[data-testid="preview-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')));

  it('re-ranks the preview as sliders move, updates the replayed metric, and saves a version into the history', async () => {
    const { page, errors } = await ui.open('tuning');
    await page.getByTestId('tuning-page').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('preview-item').count(), { timeout: 30_000 }).toBeGreaterThan(5);
    const metric = page.getByTestId('replay-metric');
    await expect.poll(() => metric.getAttribute('data-value'), { timeout: 30_000 }).not.toBe('');
    const before = await previewIds(page);
    const metricBefore = await metric.getAttribute('data-value');

    // Keyboard only: End takes popularity to 4, Home takes text to 0.
    await page.getByTestId('weight-slider-popularity').focus();
    await page.keyboard.press('End');
    await page.getByTestId('weight-slider-text').focus();
    await page.keyboard.press('Home');
    const moved = Date.now();
    expect(await page.getByTestId('weight-slider-popularity').inputValue()).toBe('4');
    expect(await page.getByTestId('weight-slider-text').inputValue()).toBe('0');
    // The preview re-ranks in the renderer, without waiting for the engine.
    await expect.poll(async () => JSON.stringify(await previewIds(page)), { timeout: 2_000 }).not.toBe(JSON.stringify(before));
    await expect.poll(() => metric.getAttribute('data-value'), { timeout: 15_000 }).not.toBe(metricBefore);
    await expect.poll(() => metric.getAttribute('aria-busy'), { timeout: 15_000 }).toBe('false');
    console.log(`[e2e] replayed metric updated ${Date.now() - moved} ms after the last slider move (${metricBefore} -> ${await metric.getAttribute('data-value')})`);
    expect(await metric.textContent()).toMatch(/95% CI .+ vs saved v1/);
    await page.screenshot({ path: join(SHOTS, 'tuning.png'), fullPage: true });

    await page.getByTestId('weights-note').fill('popularity first (e2e)');
    await page.getByTestId('save-weights').click();
    // Saving is guarded: the risk dialog shows the expected effect and asks for a reason when it is worse.
    await confirmRisk(page, 'e2e: popularity first');
    const history = page.getByTestId('weights-history');
    await history.locator('[data-testid="weights-version"][data-version="2"]').waitFor({ timeout: 15_000 });
    expect(await history.locator('[data-version="2"]').textContent()).toContain('popularity first (e2e)');
    const saved = await ui.rpc<{ version: number; weights: Record<string, number> }>('weights.get');
    expect(saved).toMatchObject({ version: 2, weights: { popularity: 4, text: 0 } });
    // The diff shows v1 -> v2 per channel.
    const diff = page.getByTestId('weights-diff');
    await diff.waitFor();
    expect(await diff.locator('tr.is-changed').count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'tuning-saved.png'), fullPage: true });

    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: join(SHOTS, 'tuning-900.png'), fullPage: true });

    // Roll back to v1 (a new version 3 with v1's weights).
    await page.getByRole('button', { name: 'Roll back to version 1' }).click();
    await confirmRisk(page, 'e2e: back to the defaults');
    await history.locator('[data-version="3"]').waitFor({ timeout: 15_000 });
    expect((await ui.rpc<{ weights: Record<string, number> }>('weights.get')).weights.popularity).toBe(0.3);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('creates a rule, shows the contract’s validation message next to the field, and previews where it fires', async () => {
    const { page, errors } = await ui.open('rules');
    await page.getByTestId('rules-page').waitFor({ timeout: 30_000 });
    const preview = page.getByTestId('rule-preview');
    await preview.getByTestId('rule-preview-item').first().waitFor({ timeout: 30_000 });
    const first = preview.getByTestId('rule-preview-item').nth(4);
    const itemId = (await first.getAttribute('data-item-id'))!;

    // A pin on a brand is refused with the contract's own words, before any request: the message sits next to the target field.
    await page.getByTestId('rule-new').click();
    const form = page.getByTestId('rule-form');
    await form.getByLabel('Kind').selectOption('pin');
    await form.getByLabel('Brand').fill('Acme');
    await page.getByTestId('rule-save').click();
    await form.locator('[data-testid="field-error"][data-field="targetType"]').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, 'rules-error.png'), fullPage: true });

    await form.getByLabel('Target').selectOption('item');
    await form.getByLabel('Item id').fill(itemId);
    await form.getByLabel('Position (1-based slot)').fill('1');
    // Before saving: the form's rule, not saved, ranked on the preview's list (the fifth item goes to 1), and nothing stored.
    await page.getByTestId('rule-draft-preview-run').click();
    const draftRow = page.getByTestId('rule-draft-preview').locator(`[data-testid="before-after-after-item"][data-item-id="${itemId}"]`);
    await draftRow.waitFor({ timeout: 30_000 });
    expect(await draftRow.getAttribute('data-after')).toBe('1');
    expect(await draftRow.getAttribute('data-actions')).toBe('pinned');
    expect(await ui.rpc<unknown[]>('rules.list')).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'rules-draft-preview.png'), fullPage: true });
    // Changing the form after the preview says the preview is of the earlier rule.
    await form.getByLabel('Position (1-based slot)').fill('2');
    await page.getByTestId('rule-draft-stale').waitFor({ timeout: 5_000 });
    await form.getByLabel('Position (1-based slot)').fill('1');
    await page.getByTestId('rule-save').click();
    // An enabled rule changes what shoppers see: it goes through the risk dialog.
    await confirmRisk(page, 'e2e: pin for the test');
    await page.getByTestId('rule-row').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('rule-row').count()).toBe(1);
    await expect.poll(() => preview.getByTestId('rule-preview-item').first().getAttribute('data-item-id'), { timeout: 15_000 }).toBe(itemId);
    expect(await preview.getByTestId('rule-preview-item').first().textContent()).toContain('Pin');
    await page.screenshot({ path: join(SHOTS, 'rules.png'), fullPage: true });
    // The refused rule is a 400 reply, which the browser logs as a failed resource; nothing else may fail.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await page.close();
  }, 60_000);
});
