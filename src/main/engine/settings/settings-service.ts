/**
 * The app's settings as a service: what the file holds now, what the engine started with (so the
 * console can say which changes wait for a restart), and audited changes. The token of a remote
 * engine is stored but never returned to a console and never written to the audit log.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AppSettings, SetSettingsRequest, SettingsView } from '../../../shared/contract';
import type { AuditLog } from '../store';
import { loadSettings, saveSettings } from './settings-file';

const RESTART_KEYS = ['dataDir', 'executionProvider', 'encoderWorkers', 'engine'] as const;
type RestartKey = (typeof RESTART_KEYS)[number];

export interface SettingsServiceOptions {
  file: string;
  logsDir: string;
  /** What the running engine uses, whatever the file says. */
  effective: () => { dataDir: string; executionProvider: string };
}

/** Applies a change to stored settings; a remote choice without a token keeps the stored one (same URL or not). */
export function applySettingsChange(current: AppSettings, change: SetSettingsRequest): AppSettings {
  const next: AppSettings = { ...current };
  if (change.dataDir !== undefined) next.dataDir = change.dataDir;
  if (change.executionProvider !== undefined) next.executionProvider = change.executionProvider;
  if (change.encoderWorkers !== undefined) next.encoderWorkers = change.encoderWorkers;
  if (change.language !== undefined) next.language = change.language;
  if (change.imageOrigins !== undefined) next.imageOrigins = change.imageOrigins;
  if (change.engine !== undefined) {
    if (change.engine.mode === 'local') next.engine = { mode: 'local' };
    else {
      const keptToken = current.engine.mode === 'remote' ? current.engine.token : '';
      next.engine = { mode: 'remote', url: change.engine.url, token: change.engine.token ?? keptToken };
    }
  }
  return next;
}

/** Which keys differ between two settings, for the audit entry and the restart notice. */
export function changedKeys(before: AppSettings, after: AppSettings): Array<keyof AppSettings> {
  return (Object.keys(after) as Array<keyof AppSettings>).filter((k) => !isDeepStrictEqual(before[k], after[k]));
}

export class SettingsService {
  private stored: AppSettings;
  private warning: string | null;
  private readonly atStart: AppSettings;
  private audit: AuditLog | undefined;

  constructor(private readonly options: SettingsServiceOptions) {
    const loaded = loadSettings(options.file);
    this.stored = loaded.settings;
    this.warning = loaded.warning;
    this.atStart = loaded.settings;
    if (loaded.warning) console.warn(`[settings] ${loaded.warning}`);
  }

  /** The audit log opens with the store, after the settings are read. */
  auditWith(audit: AuditLog): void {
    this.audit = audit;
  }

  get current(): AppSettings {
    return this.stored;
  }

  view(): SettingsView {
    const s = this.stored;
    const engine = s.engine.mode === 'local' ? { mode: 'local' as const } : { mode: 'remote' as const, url: s.engine.url, hasToken: s.engine.token !== '' };
    const pending = RESTART_KEYS.filter((k: RestartKey) => !isDeepStrictEqual(s[k], this.atStart[k]));
    return { settings: { ...s, engine }, file: this.options.file, warning: this.warning, effective: this.options.effective(), restartPending: pending, logsDir: this.options.logsDir };
  }

  set(change: SetSettingsRequest, actor: string): SettingsView {
    const next = applySettingsChange(this.stored, change);
    const keys = changedKeys(this.stored, next);
    if (keys.length > 0 || this.warning) {
      saveSettings(this.options.file, next);
      this.stored = next;
      this.warning = null;
      const detail: Record<string, unknown> = {};
      for (const k of keys) detail[k] = k === 'engine' ? (next.engine.mode === 'local' ? { mode: 'local' } : { mode: 'remote', url: next.engine.url, token: next.engine.token === '' ? 'none' : 'set' }) : next[k];
      this.audit?.record(actor, 'settings.set', 'settings', detail);
    }
    return this.view();
  }
}
