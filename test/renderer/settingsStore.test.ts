import { describe, expect, it } from 'vitest';
import { createAppStores, connectOpenedFiles } from '../../src/renderer/src/stores/appStores';
import { createSettingsStore, settingsChange, draftFrom } from '../../src/renderer/src/stores/settingsStore';
import type { SetSettingsRequest, SettingsView } from '../../src/renderer/src/transport/contract';
import { fakeClient } from './fakes';

function view(over: Partial<SettingsView['settings']> = {}, restartPending: SettingsView['restartPending'] = []): SettingsView {
  return {
    settings: { dataDir: null, executionProvider: 'auto', encoderWorkers: null, engine: { mode: 'local' }, language: 'system', imageOrigins: [], ...over },
    file: '/data/settings.json',
    warning: null,
    effective: { dataDir: '/data', executionProvider: 'auto' },
    restartPending,
    logsDir: '/logs',
  };
}
const versions = { instinct: '0.1.0', node: '20.0.0', electron: null, onnxRuntime: '1.30.0', models: [] };

describe('settings store', () => {
  it('loads the settings and versions, saves a changed provider and shows what waits for a restart', async () => {
    let stored = view();
    const sent: SetSettingsRequest[] = [];
    const { client } = fakeClient({
      'settings.get': () => stored,
      'engine.versions': () => versions,
      'settings.set': (input) => {
        sent.push(input as SetSettingsRequest);
        stored = view({ executionProvider: 'cpu' }, ['executionProvider']);
        return stored;
      },
    });
    const store = createSettingsStore(client);
    await store.getState().load();
    expect(store.getState().versions).toEqual(versions);
    store.getState().edit({ executionProvider: 'cpu' });
    await store.getState().save();
    expect(sent).toEqual([{ dataDir: null, executionProvider: 'cpu', encoderWorkers: null, engine: { mode: 'local' }, language: 'system' }]);
    expect(store.getState()).toMatchObject({ saved: true, draft: { executionProvider: 'cpu' }, view: { restartPending: ['executionProvider'] } });
  });

  it('refuses bad workers or URL without calling the engine', async () => {
    const { client, transport } = fakeClient({ 'settings.get': () => view(), 'engine.versions': () => versions });
    const store = createSettingsStore(client);
    await store.getState().load();
    store.getState().edit({ encoderWorkers: '2.5' });
    await store.getState().save();
    expect(store.getState().fieldError).toEqual({ field: 'encoderWorkers', error: 'workers' });
    store.getState().edit({ encoderWorkers: '', engineMode: 'remote', remoteUrl: 'ftp://x' });
    await store.getState().save();
    expect(store.getState().fieldError?.field).toBe('remoteUrl');
    expect(transport.calls.map((c) => c.method)).not.toContain('settings.set');
  });

  it('sends a remote token only when typed, and shows the log path from logs.reveal', async () => {
    const d = { ...draftFrom(view({ engine: { mode: 'remote', url: 'https://e.example.com', hasToken: true } })) };
    expect(settingsChange(d)).toEqual({ ok: true, change: expect.objectContaining({ engine: { mode: 'remote', url: 'https://e.example.com' } }) });
    expect(settingsChange({ ...d, remoteToken: 't' })).toMatchObject({ change: { engine: { token: 't' } } });
    const { client } = fakeClient({ 'logs.reveal': () => ({ path: '/logs', revealed: false }) });
    const store = createSettingsStore(client);
    await store.getState().revealLogs();
    expect(store.getState().logs).toEqual({ path: '/logs', revealed: false });
  });

  it('routes a file the desktop app opened to the Import page, chosen and ready', async () => {
    const { client, transport } = fakeClient();
    const stores = createAppStores(client);
    const shown: string[] = [];
    connectOpenedFiles(stores, client, (id) => shown.push(id));
    transport.push('app.openFile', { fileName: 'events.jsonl', size: 12, content: '{"a":1}\n' });
    await new Promise((r) => setTimeout(r, 0));
    expect(shown).toEqual(['import']);
    expect(stores.imports.getState().file).toMatchObject({ name: 'events.jsonl', content: '{"a":1}\n' });
  });
});
