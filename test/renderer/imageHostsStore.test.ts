import { describe, expect, it } from 'vitest';
import { createImageHostsStore, parseImageOrigin, reloadNeeded } from '../../src/renderer/src/stores/imageHostsStore';
import { ImageOrigin, SetSettingsRequest, type SettingsView } from '../../src/renderer/src/transport/contract';
import { fakeClient } from './fakes';

function view(imageOrigins: string[]): SettingsView {
  return {
    settings: { dataDir: null, executionProvider: 'auto', encoderWorkers: null, engine: { mode: 'local' }, language: 'system', imageOrigins },
    file: '/data/settings.json',
    warning: null,
    effective: { dataDir: '/data', executionProvider: 'auto' },
    restartPending: [],
    logsDir: '/logs',
  };
}

/** A settings engine that keeps what it is sent, as the real one does (validated by the contract). */
function engine(initial: string[]) {
  let stored = initial;
  return fakeClient({
    'settings.get': () => view(stored),
    'settings.set': (input) => {
      stored = SetSettingsRequest.parse(input).imageOrigins ?? stored;
      return view(stored);
    },
    'catalog.imageHosts': () => ({ hosts: [{ origin: 'https://cdn.shop.example', items: 90 }], withImage: 100, notAllowable: 10 }),
  });
}

describe('product-image hosts on the Settings page', () => {
  it('reads a bare host as https and refuses what the contract refuses, with a sentence', () => {
    expect(parseImageOrigin(' cdn.example.com ')).toEqual({ ok: true, origin: 'https://cdn.example.com' });
    expect(parseImageOrigin('*.example.com')).toEqual({ ok: true, origin: 'https://*.example.com' });
    expect(parseImageOrigin('http://localhost:8080')).toEqual({ ok: true, origin: 'http://localhost:8080' });
    for (const bad of ['', 'http://cdn.example.com', 'cdn.example.com/images', "cdn.example.com 'unsafe-inline'"]) {
      const parsed = parseImageOrigin(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.error.length).toBeGreaterThan(10);
      expect(ImageOrigin.safeParse(bad).success).toBe(false);
    }
  });

  it('allows a catalogue host and a typed one, removes one, and says a reload is needed until the window loads the new list', async () => {
    const { client, transport } = engine(['https://old.example']);
    const store = createImageHostsStore(client);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ origins: ['https://old.example'], applied: ['https://old.example'], catalogue: { withImage: 100 } });
    expect(reloadNeeded(store.getState())).toBe(false);

    await store.getState().add('https://cdn.shop.example');
    store.getState().setInput('img.example.net');
    await store.getState().add();
    expect(store.getState().origins).toEqual(['https://old.example', 'https://cdn.shop.example', 'https://img.example.net']);
    expect(store.getState().input).toBe('');
    expect(reloadNeeded(store.getState())).toBe(true);

    // A bad or repeated host is refused in the form: nothing is sent.
    const sent = transport.calls.filter((c) => c.method === 'settings.set').length;
    store.getState().setInput('ftp://files.example');
    await store.getState().add();
    expect(store.getState().inputError).toMatch(/https/);
    store.getState().setInput('cdn.shop.example');
    await store.getState().add();
    expect(store.getState().inputError).toMatch(/already/);
    expect(transport.calls.filter((c) => c.method === 'settings.set')).toHaveLength(sent);

    await store.getState().remove('https://old.example');
    expect(store.getState().origins).toEqual(['https://cdn.shop.example', 'https://img.example.net']);
    // Loading again (another visit to the page) keeps what this window was loaded with.
    await store.getState().load();
    expect(store.getState().applied).toEqual(['https://old.example']);
    expect(reloadNeeded(store.getState())).toBe(true);
  });

  it('shows the engine refusing a change (a viewer, say) and keeps the list as it was', async () => {
    const { client } = fakeClient({
      'settings.get': () => view([]),
      'catalog.imageHosts': () => ({ hosts: [], withImage: 0, notAllowable: 0 }),
      'settings.set': () => {
        throw Object.assign(new Error('forbidden: settings.set needs the admin role'), { code: 'forbidden' });
      },
    });
    const store = createImageHostsStore(client);
    await store.getState().load();
    await store.getState().add('https://cdn.example.com');
    expect(store.getState().origins).toEqual([]);
    expect(store.getState().actionError).toMatch(/admin/);
    expect(store.getState().saving).toBe(false);
  });
});
