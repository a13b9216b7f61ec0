/**
 * What the stored settings change at start, as a pure function. Precedence: an explicit option or
 * flag, then the environment variable, then the settings file, then the default. So an operator or a
 * test that sets INSTINCT_DATA_DIR, INSTINCT_EXECUTION_PROVIDER or INSTINCT_ENCODER_WORKERS is never
 * overridden by what the console saved.
 */
import type { AppSettings } from '../../../shared/contract';
import type { ExecutionProviderChoice } from '../inference/execution-providers';
import { PROVIDER_ENV } from '../inference/provider-resolver';

export interface SettingsOverrides {
  dataDir?: string;
  executionProvider?: ExecutionProviderChoice;
  encoderWorkers?: number;
}

function set(env: Readonly<Record<string, string | undefined>>, name: string): boolean {
  const value = env[name];
  return value !== undefined && value.trim() !== '';
}

export function settingsOverrides(settings: AppSettings, env: Readonly<Record<string, string | undefined>>): SettingsOverrides {
  const out: SettingsOverrides = {};
  if (settings.dataDir !== null && !set(env, 'INSTINCT_DATA_DIR')) out.dataDir = settings.dataDir;
  if (settings.executionProvider !== 'auto' && !set(env, PROVIDER_ENV)) out.executionProvider = settings.executionProvider;
  if (settings.encoderWorkers !== null && !set(env, 'INSTINCT_ENCODER_WORKERS')) out.encoderWorkers = settings.encoderWorkers;
  return out;
}
