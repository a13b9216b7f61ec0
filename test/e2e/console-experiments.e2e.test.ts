import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';
import { expectNoHorizontalScroll } from '../helpers/no-horizontal-scroll';
import { confirmRisk } from '../helpers/risk-dialog';

/** Enough simulated traffic for both arms to have lists and intervals. */
const TRAFFIC_TIMEOUT_MS = 150_000;

describe('console experiments on the live demo', () => {
  const ui = useConsoleSession('instinct-e2e-experiments-');

  it('creates an A/B test in the form, watches both arms fill with intervals, and stops it through the risk dialog', async () => {
    // A second weights version for the variant (popularity-led); set through the API with a reason, since it may be guarded.
    const current = await ui.rpc<{ weights: Record<string, number> }>('weights.get');
    await ui.rpc('weights.set', { weights: { ...current.weights, popularity: 2 }, note: 'e2e variant', confirm: { reason: 'e2e: variant weights' } });
    await ui.rpc('weights.rollback', { version: 1, confirm: { reason: 'e2e: control weights serve' } });

    const { page, errors } = await ui.open('experiments');
    await page.getByTestId('experiments-page').waitFor({ timeout: 30_000 });
    await page.getByTestId('experiment-new').click();
    const form = page.getByTestId('experiment-form');
    await form.waitFor();
    await page.getByTestId('experiment-name').fill('e2e popularity vs defaults');
    await page.getByTestId('experiment-hypothesis').fill('Leaning on popularity lifts clicks.');
    // Every slot the simulator asks for.
    for (const slot of ['home', 'product', 'search']) await page.getByTestId(`experiment-slot-${slot}`).check();
    await page.getByTestId('experiment-mode-ab').check();
    await page.getByTestId('experiment-reward').selectOption('ctr');
    const arms = page.getByTestId('arm-editor');
    expect(await arms.count()).toBe(2);
    await arms.nth(0).getByTestId('arm-name').fill('Defaults');
    await arms.nth(1).getByTestId('arm-name').fill('Popularity');
    await expect.poll(() => arms.nth(1).getByTestId('arm-weights').locator('option[value="2"]').count(), { timeout: 15_000 }).toBe(1);
    await arms.nth(1).getByTestId('arm-weights').selectOption('2');
    // The guardrail would stop a losing arm by itself; this test stops it by hand.
    await page.getByTestId('experiment-guardrail').uncheck();
    await page.screenshot({ path: join(SHOTS, 'experiment-form.png'), fullPage: true });
    await page.getByTestId('experiment-create-start').click();

    const detail = page.getByTestId('experiment-detail');
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 15_000 }).toBe('running');
    const id = (await detail.getAttribute('data-experiment-id'))!;
    expect(await page.locator(`[data-testid="experiment-row"][data-experiment-id="${id}"]`).getAttribute('data-status')).toBe('running');

    // Both arms get lists and a CTR interval, refreshed without a click.
    const arm = (armId: string) => detail.locator(`[data-testid="arm-row"][data-arm-id="${armId}"]`);
    for (const armId of ['defaults', 'popularity']) {
      await expect.poll(async () => Number(await arm(armId).getAttribute('data-lists')), { timeout: TRAFFIC_TIMEOUT_MS, interval: 2_000 }).toBeGreaterThan(0);
      await expect.poll(() => arm(armId).getByTestId('arm-ctr').getAttribute('data-high'), { timeout: TRAFFIC_TIMEOUT_MS, interval: 2_000 }).not.toBe('');
      const cell = arm(armId).getByTestId('arm-ctr');
      expect(Number(await cell.getAttribute('data-low'))).toBeLessThanOrEqual(Number(await cell.getAttribute('data-high')));
      expect(await cell.textContent()).toMatch(/%.*–.*%/);
    }
    await detail.getByTestId('experiment-statement').waitFor();
    expect((await detail.getByTestId('experiment-statement').textContent())?.length).toBeGreaterThan(10);
    await detail.locator('[data-testid="arm-comparison"][data-arm-id="popularity"]').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'experiment-running.png'), fullPage: true });

    // Stop goes through the risk dialog; Escape first cancels it.
    await detail.getByTestId('experiment-stop').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Stop this experiment?' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('risk-dialog').getAttribute('data-state')).toBe('closed');
    expect(await detail.getAttribute('data-status')).toBe('running');
    await detail.getByTestId('experiment-stop').click();
    await confirmRisk(page, 'e2e: enough seen', { alwaysReason: true });
    await expect.poll(() => detail.getAttribute('data-status'), { timeout: 15_000 }).toBe('stopped');
    const stopped = (await ui.rpc<Array<{ experimentId: string; status: string; stoppedBy: string | null }>>('experiments.list')).find((e) => e.experimentId === id);
    expect(stopped).toMatchObject({ status: 'stopped', stoppedBy: 'operator' });
    await page.screenshot({ path: join(SHOTS, 'experiment-stopped.png'), fullPage: true });

    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
