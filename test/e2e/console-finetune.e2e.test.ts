import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';
import { confirmRisk } from '../helpers/risk-dialog';

describe('console fine-tuning: job, curves, model versions, promote and roll back', () => {
  const ui = useConsoleSession('instinct-e2e-finetune-');

  it('trains from the Jobs page, shows the curves and the new version, and promotes it', async () => {
    // The start-up embedding job must finish first: fine-tuning reads the cached text vectors.
    await expect
      .poll(async () => (await ui.rpc<{ status: string }[]>('jobs.list', { limit: 5 })).some((j) => j.status === 'running'), { timeout: 180_000 })
      .toBe(false);
    const { page, errors } = await ui.open('jobs');
    await page.getByTestId('finetune-panel').waitFor({ timeout: 30_000 });
    // One validated epoch (+ the 3 refit epochs that always follow), after the automatic configuration
    // (about 85 s on the demo data on a loaded 2-core machine): the wait leaves room for that.
    await page.getByTestId('finetune-epochs').fill('1');
    await page.getByTestId('start-finetune').click();
    const row = page.locator('[data-testid="job-row"][data-status="succeeded"]').filter({ hasText: /fine/i });
    await row.first().waitFor({ timeout: 300_000 });
    await expect.poll(async () => Number(await page.getByTestId('finetune-curves').first().getAttribute('data-points')), { timeout: 15_000 }).toBeGreaterThan(0);
    const version = page.getByTestId('model-version-row').first();
    await version.waitFor({ timeout: 15_000 });
    expect(await version.getAttribute('data-status')).toBe('registered');
    await version.getByTestId('promote-model').click();
    await confirmRisk(page, 'e2e: promote the fine-tuned version');
    await expect.poll(() => version.getAttribute('data-status'), { timeout: 15_000 }).toBe('serving');
    const served = await ui.rpc<{ modelVersion: string; items: { sources: string[] }[] }>('recommend', { shopperId: 'U00005', k: 10 });
    expect(served.modelVersion).toContain(await version.getAttribute('data-version'));
    await page.screenshot({ path: join(SHOTS, 'finetune.png'), fullPage: true });
    await page.getByTestId('rollback-model').click();
    await confirmRisk(page, 'e2e: roll back');
    await expect.poll(() => version.getAttribute('data-status'), { timeout: 15_000 }).toBe('registered');
    expect(errors).toEqual([]);
    await page.close();
  }, 400_000);
});
