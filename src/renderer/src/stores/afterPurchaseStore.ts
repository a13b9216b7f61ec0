import { createStore, type StoreApi } from 'zustand/vanilla';
import { formatNumber } from '../i18n/format';
import { t } from '../i18n/translate';
import { AFTER_PURCHASE_MAX_DAYS, type AfterPurchaseView, type Assessment, type Confirmation } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';

export type AfterPurchaseDaysParse = { ok: true; days: number } | { ok: false; error: string };

/** Reads the days field: a whole number of days from 0 (off) to AFTER_PURCHASE_MAX_DAYS, as the contract accepts. */
export function parseAfterPurchaseDays(input: string): AfterPurchaseDaysParse {
  const text = input.trim();
  if (text === '') return { ok: false, error: t('afterPurchase.days.empty') };
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return { ok: false, error: t('afterPurchase.days.notNumber') };
  const value = Number(text);
  if (!Number.isInteger(value)) return { ok: false, error: t('afterPurchase.days.whole') };
  if (value < 0 || value > AFTER_PURCHASE_MAX_DAYS) return { ok: false, error: t('afterPurchase.days.range', { max: AFTER_PURCHASE_MAX_DAYS }) };
  return { ok: true, days: value };
}

/**
 * What changing the window from `current` to `next` days does to what shoppers see, in words, with the
 * effect the loop bench measured (docs/RECOMMENDATION.md): stated in the risk dialog before it applies.
 */
export function afterPurchaseAssessment(current: number, next: number): Assessment {
  const effects: string[] = [];
  if (next === 0) effects.push(t('afterPurchase.effect.off', { days: formatNumber(current) }));
  else {
    effects.push(t('afterPurchase.effect.on', { days: formatNumber(next) }), t('afterPurchase.effect.exempt'));
    if (current > 0) effects.push(t('afterPurchase.effect.from', { days: formatNumber(current) }));
    effects.push(t('afterPurchase.effect.measured'));
  }
  effects.push(t('afterPurchase.effect.audit'));
  return { action: 'afterPurchase.set', effects, figures: [], worse: false, thresholdRelative: 0, missing: [t('afterPurchase.effect.notLive')], blocked: null };
}

/** The form as the engine's setting says: off shows the measured window (7 days) ready to turn on. */
function formFrom(view: AfterPurchaseView): { enabled: boolean; daysInput: string } {
  return { enabled: view.days > 0, daysInput: String(view.days > 0 ? view.days : view.suggestedDays) };
}

export type AfterPurchasePlan = { kind: 'invalid'; error: string } | { kind: 'unchanged' } | { kind: 'change'; days: number };

export interface AfterPurchaseState {
  view: AfterPurchaseView | null;
  loading: boolean;
  error: string | null;
  /** The form's switch: off saves 0 days whatever the field says. */
  enabled: boolean;
  daysInput: string;
  inputError: string | null;
  saving: boolean;
  actionError: string | null;
  /** The window just saved (for the status line); null until a save. */
  saved: number | null;
  /** The last Apply asked for the setting already in force. */
  unchanged: boolean;
  load(): Promise<void>;
  setEnabled(enabled: boolean): void;
  setDaysInput(text: string): void;
  /** Reads the field: what a save would do (an invalid field shows its error). */
  plan(): AfterPurchasePlan;
  /** Sends the change (after the risk dialog); throws so the dialog can show the engine's refusal. */
  save(days: number, confirm: Confirmation | undefined): Promise<void>;
}

export type AfterPurchaseStore = StoreApi<AfterPurchaseState>;

/** The after-purchase policy on the Settings page: afterPurchase.get / afterPurchase.set. */
export function createAfterPurchaseStore(client: ApiClient): AfterPurchaseStore {
  return createStore<AfterPurchaseState>()((set, get) => ({
    view: null,
    loading: false,
    error: null,
    enabled: false,
    daysInput: '',
    inputError: null,
    saving: false,
    actionError: null,
    saved: null,
    unchanged: false,
    async load() {
      set({ loading: true, error: null });
      try {
        const view = await client.call('afterPurchase.get', {});
        set({ view, loading: false, ...formFrom(view), inputError: null });
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
    setEnabled: (enabled) => set({ enabled, inputError: null, saved: null, unchanged: false }),
    setDaysInput: (daysInput) => set({ daysInput, inputError: null, saved: null, unchanged: false }),
    plan() {
      const view = get().view;
      set({ unchanged: false, saved: null });
      if (!get().enabled) {
        set({ inputError: null, unchanged: view?.days === 0 });
        return view && view.days === 0 ? { kind: 'unchanged' } : { kind: 'change', days: 0 };
      }
      const parsed = parseAfterPurchaseDays(get().daysInput);
      if (!parsed.ok) {
        set({ inputError: parsed.error });
        return { kind: 'invalid', error: parsed.error };
      }
      if (parsed.days === 0) {
        set({ inputError: t('afterPurchase.days.zero') });
        return { kind: 'invalid', error: t('afterPurchase.days.zero') };
      }
      const same = view !== null && view.days === parsed.days;
      set({ inputError: null, unchanged: same });
      return same ? { kind: 'unchanged' } : { kind: 'change', days: parsed.days };
    },
    async save(days, confirm) {
      set({ saving: true, actionError: null, saved: null });
      try {
        const view = await client.call('afterPurchase.set', { days, ...(confirm ? { confirm } : {}) });
        set({ view, saving: false, saved: view.days, ...formFrom(view) });
      } catch (error) {
        set({ saving: false, actionError: errorMessage(error) });
        throw error;
      }
    },
  }));
}
