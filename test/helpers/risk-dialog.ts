import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface RiskDialogOutcome {
  /** The engine found the change worse than what serves (a reason was required). */
  worse: boolean;
  /** The reason sent, if one was. */
  reason: string | null;
}

/**
 * Goes through the console's risk dialog: waits for the engine's assessment, writes `reason` when the
 * dialog requires one (or when `alwaysReason` asks for it anyway), confirms, and waits for it to close.
 */
export async function confirmRisk(page: Page, reason = 'e2e: confirmed in the risk dialog', options: { alwaysReason?: boolean; timeoutMs?: number } = {}): Promise<RiskDialogOutcome> {
  const dialog = page.getByTestId('risk-dialog');
  const timeout = options.timeoutMs ?? 30_000;
  await dialog.getByRole('heading', { level: 2 }).waitFor({ timeout });
  await expect.poll(() => dialog.getAttribute('data-state'), { timeout }).toMatch(/^(ready|error)$/);
  const field = dialog.getByTestId('risk-reason');
  const required = (await field.getAttribute('aria-required')) === 'true';
  const worse = (await dialog.getAttribute('data-worse')) === 'true';
  let sent: string | null = null;
  if (required || options.alwaysReason) {
    await field.fill(reason);
    sent = reason;
  }
  const confirm = dialog.getByTestId('risk-confirm');
  await expect.poll(() => confirm.isEnabled(), { timeout: 5_000 }).toBe(true);
  await confirm.click();
  await expect.poll(() => dialog.getAttribute('data-state'), { timeout }).toBe('closed');
  return { worse, reason: sent };
}
