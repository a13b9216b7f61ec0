import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../src/shared/contract';
import { loadSettings, saveSettings } from '../../../../src/main/engine/settings/settings-file';
import { SettingsService, applySettingsChange } from '../../../../src/main/engine/settings/settings-service';
import { settingsOverrides } from '../../../../src/main/engine/settings/settings-overrides';

const dir = () => mkdtempSync(join(tmpdir(), 'instinct-settings-'));

describe('settings file', () => {
  it('is the defaults, without a warning, when missing', () => {
    expect(loadSettings(join(dir(), 'settings.json'))).toEqual({ settings: DEFAULT_SETTINGS, warning: null });
  });

  it('falls back to the defaults with a clear warning on a corrupt or invalid file', () => {
    const file = join(dir(), 'settings.json');
    writeFileSync(file, '{"executionProvider": "cu');
    const corrupt = loadSettings(file);
    expect(corrupt.settings).toEqual(DEFAULT_SETTINGS);
    expect(corrupt.warning).toMatch(/not valid JSON/);
    writeFileSync(file, JSON.stringify({ executionProvider: 'tpu', encoderWorkers: 2 }));
    const invalid = loadSettings(file);
    expect(invalid.settings).toEqual(DEFAULT_SETTINGS);
    expect(invalid.warning).toMatch(/executionProvider/);
  });

  it('writes with mode 0600 and reads back what it wrote', () => {
    const file = join(dir(), 'nested', 'settings.json');
    const settings = { ...DEFAULT_SETTINGS, executionProvider: 'cpu' as const, encoderWorkers: 2, engine: { mode: 'remote' as const, url: 'https://engine.example.com', token: 's3cret' } };
    saveSettings(file, settings);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSettings(file)).toEqual({ settings, warning: null });
  });
});

describe('settings service', () => {
  const service = (file: string) => new SettingsService({ file, logsDir: '/logs', effective: () => ({ dataDir: '/data', executionProvider: 'auto' }) });

  it('never returns the token, keeps it when a change leaves it out, and lists what waits for a restart', () => {
    const file = join(dir(), 'settings.json');
    const s = service(file);
    const first = s.set({ engine: { mode: 'remote', url: 'https://engine.example.com', token: 's3cret' }, language: 'en' }, 'tester');
    expect(first.settings.engine).toEqual({ mode: 'remote', url: 'https://engine.example.com', hasToken: true });
    expect(JSON.stringify(first)).not.toContain('s3cret');
    expect(first.restartPending).toEqual(['engine']);
    s.set({ engine: { mode: 'remote', url: 'https://other.example.com' } }, 'tester');
    expect(loadSettings(file).settings.engine).toEqual({ mode: 'remote', url: 'https://other.example.com', token: 's3cret' });
    // A fresh start reads the saved file: nothing pending any more.
    expect(service(file).view().restartPending).toEqual([]);
  });

  it('shows the warning of a corrupt file until the next save replaces it', () => {
    const file = join(dir(), 'settings.json');
    writeFileSync(file, 'not json');
    const s = service(file);
    expect(s.view().warning).toMatch(/not valid JSON/);
    const after = s.set({ executionProvider: 'cpu' }, 'tester');
    expect(after.warning).toBeNull();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ executionProvider: 'cpu' });
  });

  it('applies a change field by field', () => {
    const next = applySettingsChange(DEFAULT_SETTINGS, { encoderWorkers: 0 });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, encoderWorkers: 0 });
  });
});

describe('settings overrides at start', () => {
  const saved = { ...DEFAULT_SETTINGS, dataDir: '/mine', executionProvider: 'cpu' as const, encoderWorkers: 3 };

  it('apply the saved settings when the environment is silent', () => {
    expect(settingsOverrides(saved, {})).toEqual({ dataDir: '/mine', executionProvider: 'cpu', encoderWorkers: 3 });
    expect(settingsOverrides(DEFAULT_SETTINGS, {})).toEqual({});
  });

  it('leave the environment in charge when it is set', () => {
    expect(settingsOverrides(saved, { INSTINCT_DATA_DIR: '/tmp/x', INSTINCT_EXECUTION_PROVIDER: 'cuda', INSTINCT_ENCODER_WORKERS: '0' })).toEqual({});
  });
});
