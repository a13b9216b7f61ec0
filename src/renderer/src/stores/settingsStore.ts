import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConsoleLanguage, EngineVersions, ExecutionProviderPreference, RevealLogsResult, SetSettingsRequest, SettingsView } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';

/** The Settings page's form: text fields as typed, turned into a change by `settingsChange`. */
export interface SettingsDraft {
  dataDir: string;
  executionProvider: ExecutionProviderPreference;
  encoderWorkers: string;
  engineMode: 'local' | 'remote';
  remoteUrl: string;
  /** Empty: keep the stored token. */
  remoteToken: string;
  language: ConsoleLanguage;
}

export type SettingsChange = { ok: true; change: SetSettingsRequest } | { ok: false; field: keyof SettingsDraft; error: 'workers' | 'url' };

export function draftFrom(view: SettingsView): SettingsDraft {
  const s = view.settings;
  return {
    dataDir: s.dataDir ?? '',
    executionProvider: s.executionProvider,
    encoderWorkers: s.encoderWorkers === null ? '' : String(s.encoderWorkers),
    engineMode: s.engine.mode,
    remoteUrl: s.engine.mode === 'remote' ? s.engine.url : '',
    remoteToken: '',
    language: s.language,
  };
}

/** Reads the form: empty data folder or workers = the default; a remote engine needs an http(s) URL. */
export function settingsChange(d: SettingsDraft): SettingsChange {
  const workersText = d.encoderWorkers.trim();
  let encoderWorkers: number | null = null;
  if (workersText !== '') {
    const n = Number(workersText);
    if (!/^\d+$/.test(workersText) || n > 16) return { ok: false, field: 'encoderWorkers', error: 'workers' };
    encoderWorkers = n;
  }
  let engine: SetSettingsRequest['engine'] = { mode: 'local' };
  if (d.engineMode === 'remote') {
    const url = d.remoteUrl.trim();
    if (!/^https?:\/\/[^\s/]+/.test(url)) return { ok: false, field: 'remoteUrl', error: 'url' };
    engine = { mode: 'remote', url, ...(d.remoteToken !== '' ? { token: d.remoteToken } : {}) };
  }
  const dataDir = d.dataDir.trim();
  return { ok: true, change: { dataDir: dataDir === '' ? null : dataDir, executionProvider: d.executionProvider, encoderWorkers, engine, language: d.language } };
}

export interface SettingsState {
  view: SettingsView | null;
  versions: EngineVersions | null;
  draft: SettingsDraft | null;
  loading: boolean;
  error: string | null;
  saving: boolean;
  fieldError: { field: keyof SettingsDraft; error: 'workers' | 'url' } | null;
  saved: boolean;
  logs: RevealLogsResult | null;
  load(): Promise<void>;
  edit(patch: Partial<SettingsDraft>): void;
  save(): Promise<void>;
  revealLogs(): Promise<void>;
}

export type SettingsStore = StoreApi<SettingsState>;

export function createSettingsStore(client: ApiClient): SettingsStore {
  return createStore<SettingsState>()((set, get) => ({
    view: null,
    versions: null,
    draft: null,
    loading: false,
    error: null,
    saving: false,
    fieldError: null,
    saved: false,
    logs: null,
    async load() {
      set({ loading: true, error: null });
      try {
        const [view, versions] = await Promise.all([client.call('settings.get', {}), client.call('engine.versions', {})]);
        set({ view, versions, draft: draftFrom(view), loading: false });
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
    edit(patch) {
      const draft = get().draft;
      if (draft) set({ draft: { ...draft, ...patch }, fieldError: null, saved: false });
    },
    async save() {
      const draft = get().draft;
      if (!draft || get().saving) return;
      const read = settingsChange(draft);
      if (!read.ok) {
        set({ fieldError: { field: read.field, error: read.error } });
        return;
      }
      set({ saving: true, error: null, saved: false });
      try {
        const view = await client.call('settings.set', read.change);
        set({ view, draft: draftFrom(view), saving: false, saved: true });
      } catch (error) {
        set({ saving: false, error: errorMessage(error) });
      }
    },
    async revealLogs() {
      try {
        set({ logs: await client.call('logs.reveal', {}) });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
  }));
}
