/**
 * The settings file (settings.json): read with the contract's schema, written atomically with mode
 * 0600 (it may hold a remote engine's token). A missing file is the defaults; a corrupt or invalid
 * one is the defaults plus a warning naming the problem, never a crash, and is left in place until
 * the next save so nothing the user wrote is lost unseen.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppSettings, DEFAULT_SETTINGS } from '../../../shared/contract';

export const SETTINGS_FILE_NAME = 'settings.json';

export interface LoadedSettings {
  settings: AppSettings;
  /** Why the defaults are in use instead of the file; null when the file was read (or did not exist). */
  warning: string | null;
}

function isMissing(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ENOENT';
}

export function loadSettings(file: string): LoadedSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (isMissing(err)) return { settings: DEFAULT_SETTINGS, warning: null };
    return { settings: DEFAULT_SETTINGS, warning: `settings file ${file} could not be read (${err instanceof Error ? err.message : String(err)}); using the defaults` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { settings: DEFAULT_SETTINGS, warning: `settings file ${file} is not valid JSON; using the defaults until the settings are saved again` };
  }
  const parsed = AppSettings.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    return { settings: DEFAULT_SETTINGS, warning: `settings file ${file} is invalid (${problems}); using the defaults until the settings are saved again` };
  }
  return { settings: parsed.data, warning: null };
}

/** Writes beside the file and renames over it, so a crash mid-write leaves the old file whole. */
export function saveSettings(file: string, settings: AppSettings): void {
  const valid = AppSettings.parse(settings);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
  // The mode above is masked by the umask and ignored for an existing file: set it explicitly.
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
