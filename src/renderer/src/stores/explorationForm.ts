import { ExplorationSettings, type ExplorationBySlot } from '../transport/contract';
import { KNOWN_SLOTS } from './performanceStore';

/** The contract's bounds (ExplorationSettings), for the form's hints and checks. */
export const EXPLORATION_LIMITS = {
  /** Percent of lists. */
  rate: { min: 0.5, max: 50 },
  fromPosition: { min: 1, max: 50 },
  toPosition: { min: 2, max: 50 },
  poolSize: { min: 2, max: 100 },
} as const;

/** What a slot explores when nobody has set it (the engine's defaults, switched off). */
export const EXPLORATION_DEFAULTS: ExplorationSettings = { enabled: false, rate: 0.1, fromPosition: 1, toPosition: 10, poolSize: 20 };

/** One slot's settings as the form holds them: numbers as typed, the rate in percent. */
export interface ExplorationFormValues {
  enabled: boolean;
  rate: string;
  fromPosition: string;
  toPosition: string;
  poolSize: string;
  note: string;
}

export type ExplorationField = 'rate' | 'fromPosition' | 'toPosition' | 'poolSize';
export type ExplorationFieldErrors = Partial<Record<ExplorationField | '_form', string>>;

export interface ExplorationMessages {
  range: (min: number, max: number) => string;
  whole: (min: number, max: number) => string;
  after: string;
  pool: (size: number) => string;
}

export interface SlotExploration {
  slot: string;
  settings: ExplorationSettings;
  /** Set by someone (false: the engine's default, off). */
  configured: boolean;
}

/** The slots every shop has, then any other slot with settings (and `extra` ones), each with what it explores now. */
export function explorationRows(bySlot: ExplorationBySlot | null, extra: readonly string[] = []): SlotExploration[] {
  const slots = bySlot?.slots ?? {};
  const names = [...new Set([...KNOWN_SLOTS, ...Object.keys(slots).sort(), ...extra])];
  return names.map((slot) => {
    const settings = slots[slot];
    return { slot, settings: settings ?? EXPLORATION_DEFAULTS, configured: settings !== undefined };
  });
}

/** Positions whose order can change: `toPosition - fromPosition + 1`. */
export function windowSize(settings: Pick<ExplorationSettings, 'fromPosition' | 'toPosition'>): number {
  return settings.toPosition - settings.fromPosition + 1;
}

/**
 * Decimals a rate (a fraction) keeps: enough for any percent anyone types (0.0125 = 1.25 %), few
 * enough to drop float noise (0.75 / 100 = 0.0075000000000000005).
 */
const RATE_DECIMALS = 6;

/** A fraction without float noise. */
function roundRate(rate: number): number {
  return Number(rate.toFixed(RATE_DECIMALS));
}

/** Percent as the rate holds it, without trailing zeros or float noise: 10 for 0.1, 0.5 for 0.005, 1.25 for 0.0125. */
export function ratePercentText(rate: number): string {
  return String(Number((roundRate(rate) * 100).toFixed(RATE_DECIMALS - 2)));
}

export function explorationForm(settings: ExplorationSettings, enable = false): ExplorationFormValues {
  return {
    enabled: enable || settings.enabled,
    rate: ratePercentText(settings.rate),
    fromPosition: String(settings.fromPosition),
    toPosition: String(settings.toPosition),
    poolSize: String(settings.poolSize),
    note: '',
  };
}

function parse(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

function whole(text: string, field: Exclude<ExplorationField, 'rate'>, messages: ExplorationMessages, errors: ExplorationFieldErrors): number | null {
  const { min, max } = EXPLORATION_LIMITS[field];
  const value = parse(text);
  if (value === null || !Number.isInteger(value) || value < min || value > max) {
    errors[field] = messages.whole(min, max);
    return null;
  }
  return value;
}

/**
 * The form as settings, checked like the contract (a window of at least two positions, a pool at
 * least as large as the window), or the errors per field; the contract's schema has the last word.
 */
export function settingsFromForm(form: ExplorationFormValues, messages: ExplorationMessages): { settings: ExplorationSettings | null; errors: ExplorationFieldErrors } {
  const errors: ExplorationFieldErrors = {};
  const percent = parse(form.rate);
  if (percent === null || percent < EXPLORATION_LIMITS.rate.min || percent > EXPLORATION_LIMITS.rate.max) errors.rate = messages.range(EXPLORATION_LIMITS.rate.min, EXPLORATION_LIMITS.rate.max);
  const fromPosition = whole(form.fromPosition, 'fromPosition', messages, errors);
  const toPosition = whole(form.toPosition, 'toPosition', messages, errors);
  const poolSize = whole(form.poolSize, 'poolSize', messages, errors);
  if (fromPosition !== null && toPosition !== null && toPosition <= fromPosition) errors.toPosition = messages.after;
  else if (fromPosition !== null && toPosition !== null && poolSize !== null && poolSize < toPosition - fromPosition + 1) errors.poolSize = messages.pool(toPosition - fromPosition + 1);
  if (Object.keys(errors).length > 0 || percent === null || fromPosition === null || toPosition === null || poolSize === null) return { settings: null, errors };
  const candidate = { enabled: form.enabled, rate: roundRate(percent / 100), fromPosition, toPosition, poolSize };
  const parsed = ExplorationSettings.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      const key = field === 'rate' || field === 'fromPosition' || field === 'toPosition' || field === 'poolSize' ? field : '_form';
      errors[key] ??= issue.message;
    }
    return { settings: null, errors };
  }
  return { settings: parsed.data, errors: {} };
}
