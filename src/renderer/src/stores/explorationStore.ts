import { createStore, type StoreApi } from 'zustand/vanilla';
import { ContractError, type ExplorationBySlot } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { t } from '../i18n/translate';
import { errorMessage } from './errorMessage';
import { EXPLORATION_DEFAULTS, explorationForm, settingsFromForm, type ExplorationField, type ExplorationFieldErrors, type ExplorationFormValues } from './explorationForm';

export interface ExplorationEdit {
  slot: string;
  form: ExplorationFormValues;
}

export interface ExplorationState {
  settings: ExplorationBySlot | null;
  loaded: boolean;
  loading: boolean;
  error: string | null;
  /** The slot being edited, with its form; one at a time. */
  editing: ExplorationEdit | null;
  fieldErrors: ExplorationFieldErrors;
  saving: boolean;
  /** The slot saved last, for the polite announcement. */
  savedSlot: string | null;
  load(): Promise<void>;
  /** Opens the form for a slot; `enable` ticks "explore" (the tuning page's "turn exploration on"). */
  edit(slot: string, options?: { enable?: boolean }): void;
  setField<K extends keyof ExplorationFormValues>(field: K, value: ExplorationFormValues[K]): void;
  cancel(): void;
  /** Saves the open form (audited by the engine); true when saved. */
  save(): Promise<boolean>;
}

export type ExplorationStore = StoreApi<ExplorationState>;

const MESSAGES = {
  range: (min: number, max: number) => t('exploration.error.range', { min, max }),
  whole: (min: number, max: number) => t('exploration.error.whole', { min, max }),
  get after() {
    return t('exploration.error.after');
  },
  pool: (size: number) => t('exploration.error.pool', { size }),
};

function fieldOfIssue(path: string): ExplorationField | '_form' {
  const leaf = path.split('.').at(-1);
  return leaf === 'rate' || leaf === 'fromPosition' || leaf === 'toPosition' || leaf === 'poolSize' ? leaf : '_form';
}

/** Each slot's exploration budget: read it, and edit one slot at a time with the contract's checks. */
export function createExplorationStore(client: ApiClient): ExplorationStore {
  let loadToken = 0;
  return createStore<ExplorationState>()((set, get) => ({
    settings: null,
    loaded: false,
    loading: false,
    error: null,
    editing: null,
    fieldErrors: {},
    saving: false,
    savedSlot: null,
    async load() {
      const token = ++loadToken;
      set({ loading: true, error: null });
      try {
        const settings = await client.call('exploration.settings', {});
        if (token === loadToken) set({ settings, loaded: true, loading: false });
      } catch (error) {
        if (token === loadToken) set({ loading: false, error: errorMessage(error) });
      }
    },
    edit(slot, options = {}) {
      if (get().saving) return;
      const current = get().settings?.slots[slot] ?? EXPLORATION_DEFAULTS;
      set({ editing: { slot, form: explorationForm(current, options.enable ?? false) }, fieldErrors: {}, savedSlot: null });
    },
    setField(field, value) {
      const editing = get().editing;
      if (!editing) return;
      const fieldErrors = Object.fromEntries(Object.entries(get().fieldErrors).filter(([k]) => k !== field && k !== '_form'));
      set({ editing: { ...editing, form: { ...editing.form, [field]: value } }, fieldErrors });
    },
    cancel() {
      if (!get().saving) set({ editing: null, fieldErrors: {} });
    },
    async save() {
      const editing = get().editing;
      if (!editing || get().saving) return false;
      const { settings, errors } = settingsFromForm(editing.form, MESSAGES);
      if (!settings) {
        set({ fieldErrors: errors });
        return false;
      }
      set({ saving: true, fieldErrors: {} });
      try {
        loadToken++; // a list request in flight left before this change
        const saved = await client.call('exploration.configure', { slot: editing.slot, settings, note: editing.form.note.trim() });
        set({ settings: saved, loaded: true, loading: false, saving: false, editing: null, savedSlot: editing.slot });
        return true;
      } catch (error) {
        const issues = error instanceof ContractError ? error.issues : [];
        const fieldErrors: ExplorationFieldErrors = {};
        for (const issue of issues) fieldErrors[fieldOfIssue(issue.path)] ??= issue.message;
        set({ saving: false, fieldErrors: issues.length > 0 ? fieldErrors : { _form: errorMessage(error) } });
        return false;
      }
    },
  }));
}

/** Whether a slot shuffles any lists now. */
export function exploresNow(settings: ExplorationBySlot | null, slot: string): boolean {
  return settings?.slots[slot]?.enabled ?? false;
}
