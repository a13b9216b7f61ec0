import { describe, expect, it } from 'vitest';
import { useConsoleSession } from '../helpers/console-session';

interface SettingsView {
  settings: { executionProvider: string };
  restartPending: string[];
  file: string;
}

describe('console settings (browser mode)', () => {
  const ui = useConsoleSession('instinct-e2e-settings-', { env: { INSTINCT_SIMULATOR: 'off' } });

  it('saves the execution-provider preference, still shows it after a reload, and shows the versions', async () => {
    const { page, errors } = await ui.open('settings');
    await page.getByTestId('settings-page').waitFor({ timeout: 30_000 });
    const provider = page.getByTestId('settings-provider');
    await provider.waitFor({ timeout: 30_000 });
    expect(await provider.inputValue()).toBe('auto');
    await provider.selectOption('cpu');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-status').textContent(), { timeout: 15_000 }).toContain('after a restart');

    const stored = await ui.rpc<SettingsView>('settings.get');
    expect(stored.settings.executionProvider).toBe('cpu');
    expect(stored.restartPending).toEqual(['executionProvider']);

    await page.reload();
    await page.getByTestId('settings-provider').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('settings-provider').inputValue()).toBe('cpu');

    const about = page.getByTestId('about-panel');
    await about.waitFor({ timeout: 15_000 });
    const text = (await about.textContent()) ?? '';
    expect(text).toMatch(/Instinct\s*0\.\d+\.\d+/);
    expect(text).toMatch(/ONNX Runtime\s*\d+\.\d+/);
    expect(text).toContain('all-MiniLM-L6-v2');

    // Browser mode shows the log folder instead of opening a file manager on the engine's machine.
    await page.getByTestId('settings-reveal-logs').click();
    await expect.poll(() => page.getByTestId('settings-logs-path').textContent()).toMatch(/Log folder: .*logs/);
    expect(errors).toEqual([]);
  });
});
