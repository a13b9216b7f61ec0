import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';
import { confirmRisk } from '../helpers/risk-dialog';

describe('console fine-tuning: job, curves, model versions, promote and roll back', () => {
  // Test options that keep what is checked and cut the waits (docs/SIMULATOR.md "Test options"): no
  // simulated shoppers (nothing here reads live traffic, and they would share the two cores with
  // training); a 1,500-item demo shop, so the start-up embedding job this test waits for is a third
  // as long; and a 30 s budget for the job's automatic configuration instead of 300 s (it still
  // chooses: its first batch of candidates always trains), then the job trains and registers the version.
  const ui = useConsoleSession('instinct-e2e-finetune-', { env: { INSTINCT_SIMULATOR: 'off', INSTINCT_DEMO_ITEMS: '1500', INSTINCT_FINETUNE_AUTO_BUDGET_S: '30' } });

  it('trains from the Jobs page, shows the curves and the new version, and promotes it', async () => {
    // The start-up embedding job must finish first: fine-tuning reads the cached text vectors.
    const opened = Date.now();
    await expect
      .poll(async () => (await ui.rpc<{ status: string }[]>('jobs.list', { limit: 5 })).some((j) => j.status === 'running'), { timeout: 180_000 })
      .toBe(false);
    console.log(`[e2e] start-up embedding job done ${((Date.now() - opened) / 1000).toFixed(1)} s into the test`);
    const { page, errors } = await ui.open('jobs');
    await page.getByTestId('finetune-panel').waitFor({ timeout: 30_000 });
    // One validated epoch (+ the 3 refit epochs that always follow), after the automatic configuration
    // (its budget is 30 s here): the wait leaves room for a loaded 2-core machine.
    await page.getByTestId('finetune-epochs').fill('1');
    // Automatic start (the default: the engine decides, and says why) and a time budget far above what the job needs.
    expect(await page.getByTestId('finetune-start-from').inputValue()).toBe('auto');
    await page.getByTestId('finetune-budget').fill('60');
    const started = Date.now();
    await page.getByTestId('start-finetune').click();
    const row = page.locator('[data-testid="job-row"][data-status="succeeded"]').filter({ hasText: /fine/i });
    await row.first().waitFor({ timeout: 300_000 });
    console.log(`[e2e] fine-tune job succeeded ${((Date.now() - started) / 1000).toFixed(1)} s after it was started`);
    const fineTunes = (await ui.rpc<{ kind: string; params: Record<string, unknown> }[]>('jobs.list', { limit: 5 })).filter((j) => j.kind === 'fine-tune');
    expect(fineTunes[0]?.params).toMatchObject({ budgetSeconds: 3600, fromServing: false, fromServingReason: expect.stringMatching(/^from scratch: the store has \d+ item events/) });
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
