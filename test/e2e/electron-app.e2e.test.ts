import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { _electron as electron } from 'playwright-core';
import { launchOverCdp } from '../helpers/electron-over-cdp';
import { tempDir } from '../helpers/temp-dir';

const ROOT = join(__dirname, '../..');

/** The Electron binary is a GitHub download, unavailable on our build machines; where it exists this test runs. */
function electronBinary(): string | undefined {
  try {
    const path = createRequire(__filename)('electron') as unknown as string;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The release workflow points this at a packaged app's executable (docs/PACKAGING.md): the same checks, on the installed layout. */
const packagedApp = process.env.INSTINCT_E2E_PACKAGED_APP;
const binary = packagedApp ?? electronBinary();
if (!binary) console.warn('[e2e] Electron app test SKIPPED: no Electron binary installed (ELECTRON_SKIP_BINARY_DOWNLOAD); browser-mode e2e tests cover the console');

describe.skipIf(!binary)('Electron app', () => {
  it('opens a sandboxed, context-isolated window whose console reaches the engine over IPC', async () => {
    const data = tempDir('instinct-electron-');
    const env = { ...process.env, INSTINCT_DATA_DIR: data.dir };
    // A packaged app's nodeCliInspect fuse is off, which Playwright's Electron launch needs: the window over CDP instead.
    const app = packagedApp ? await launchOverCdp(packagedApp, { env }) : await electron.launch({ executablePath: binary, args: [join(ROOT, 'out/main/index.js')], env });
    try {
      const page = await app.firstWindow();
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { instinct?: { invoke?: unknown } }).instinct?.invoke)).toBe('function');
      await page.getByTestId('live-feed').waitFor({ timeout: 30_000 });
    } finally {
      await app.close();
      data.cleanup();
    }
  });
});
