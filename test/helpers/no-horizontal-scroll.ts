import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Narrows the window to 900 px and waits (up to 5 s: charts re-measure on a resize observer) until
 * nothing pushes the page sideways; on failure it names the widest elements. Leaves the page at 900 px.
 */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  await page.setViewportSize({ width: 900, height: 1000 });
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await expect
    .poll(overflow, { timeout: 5_000 })
    .toBeLessThanOrEqual(0)
    .catch(async (error: unknown) => {
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('body *')]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 8)
          .map((el) => `${el.tagName.toLowerCase()}.${String(el.className)} ${Math.round(el.getBoundingClientRect().width)}px`),
      );
      console.log(`[e2e] wider than 900 px: ${wide.join(', ')}`);
      throw error;
    });
}
