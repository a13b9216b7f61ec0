import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, useConsoleSession } from '../helpers/console-session';

describe('console Import page', () => {
  const ui = useConsoleSession('instinct-e2e-import-');

  it('imports a CSV with bad rows and reports stored and rejected counts with line numbers', async () => {
    const csv = [
      'id,type,shopper_id,item_id,price,ts',
      'imp-e1,view,imp-u1,P000001,9.99,2026-01-01T10:00:00Z',
      'imp-e2,teleport,imp-u1,P000001,,2026-01-01T10:01:00Z',
      'imp-e3,add_to_cart,imp-u1,,,2026-01-01T10:02:00Z',
      'imp-e4,view,imp-u1,P000002,abc,2026-01-01T10:03:00Z',
      'imp-e5,purchase,imp-u1,P000001,9.99,2026-01-01T10:04:00Z',
    ].join('\n');
    const page = await ui.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ui.demo.consoleUrl}#/import`);
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor({ timeout: 30_000 });
    await page.locator('input[type="file"]').setInputFiles({ name: 'bad-events.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('bad-events.csv (').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 30_000 });
    const count = (field: string) => report.locator(`.kpi-value[data-field="${field}"]`).textContent();
    expect(await count('rowsRead')).toBe('5');
    expect(await count('stored')).toBe('2');
    expect(await count('rejected')).toBe('3');
    const lines = await page.locator('[data-testid="import-rejections"] tbody tr td:nth-child(2)').allTextContents();
    expect(lines).toEqual(['3', '4', '5']);
    const fields = await page.locator('[data-testid="import-rejections"] tbody tr td:nth-child(3)').allTextContents();
    expect(fields).toEqual(['type', 'itemId', 'price']);
    await page.screenshot({ path: join(SHOTS, 'import-report.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
