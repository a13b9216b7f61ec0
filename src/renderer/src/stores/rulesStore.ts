import { createStore, type StoreApi } from 'zustand/vanilla';
import { ContractError, issuePath, RuleInput, type Confirmation, type RankedList, type Rule, type RuleOptions, type RulePreviewResult } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { t } from '../i18n/translate';
import { draftPreviewTarget } from './draftPreview';
import { errorMessage } from './errorMessage';
import { parseSegments } from './segments';
import { isConfirmationRequired } from './guardStore';
import { EMPTY_RULE_FORM, fieldErrorsFromIssues, formFromRule, inputFromForm, type RuleFieldErrors, type RuleFormValues, type WindowValues } from './ruleForm';
import { errorsAfterWindowEdit, withWindowAdded, withWindowChanged, withWindowRemoved } from './ruleWindows';

export const RULE_PREVIEW_K = 20;

export interface RulesState {
  rules: Rule[];
  loaded: boolean;
  loading: boolean;
  error: string | null;
  /** The open form: null when closed; `editing` is the rule id, or null for a new rule. */
  form: RuleFormValues | null;
  editing: string | null;
  fieldErrors: RuleFieldErrors;
  saving: boolean;
  deleting: string | null;
  actionError: string | null;
  shoppers: string[];
  /** The slots, categories and brands the form's pickers offer; null until loaded (the form then falls back to text fields). */
  options: RuleOptions | null;
  previewShopper: string | null;
  previewSlot: string;
  preview: RankedList | null;
  previewLoading: boolean;
  previewError: string | null;
  /** A search query to preview (empty: the slot's recommendations), and the before/after of every active rule on that list. */
  previewQuery: string;
  /** Segments the preview's list is asked in (comma-separated, as a shop would send them). */
  previewSegments: string;
  setPreviewSegments(segments: string): void;
  /** '' = the slot's own list; else a collection's list (never with a query). */
  previewCollection: string;
  setPreviewCollection(collectionId: string): void;
  beforeAfter: RulePreviewResult | null;
  /** `beforeAfter` is of the form's rule, not saved (adding it, or editing, putting it in place of the stored rule). */
  draftPreviewed: boolean;
  /** The form as it was when the draft was previewed: the page says when the form has changed since. */
  draftPreviewOf: RuleFormValues | null;
  setPreviewQuery(query: string): void;
  /** The before/after of the form's rule without saving it (rules.preview with a draft); field errors when it is not a valid rule. */
  previewDraft(): Promise<void>;
  load(): Promise<void>;
  openNew(): void;
  openEdit(ruleId: string): void;
  closeForm(): void;
  setField<K extends keyof RuleFormValues>(field: K, value: RuleFormValues[K]): void;
  /** Weekly windows: one more (up to the contract's most), one changed, one removed. */
  addWindow(): void;
  setWindow(index: number, patch: Partial<WindowValues>): void;
  removeWindow(index: number): void;
  /**
   * Checks the form with the contract's rule schema (the engine's own words, next to the fields) and
   * returns the rule input, or null with the field errors set. Saving an enabled rule is guarded, so the
   * page checks first and asks the risk dialog only for a rule that could be saved.
   */
  validate(): RuleInput | null;
  /** Guarded when the rule is enabled: a refusal for want of a reason is thrown back to the dialog. */
  submit(confirm?: Confirmation): Promise<boolean>;
  remove(ruleId: string): Promise<void>;
  toggleEnabled(ruleId: string, confirm?: Confirmation): Promise<void>;
  setPreviewShopper(shopperId: string): Promise<void>;
  setPreviewSlot(slot: string): void;
  loadPreview(): Promise<void>;
}

export type RulesStore = StoreApi<RulesState>;

export function createRulesStore(client: ApiClient): RulesStore {
  let previewToken = 0;
  return createStore<RulesState>()((set, get) => ({
    rules: [],
    loaded: false,
    loading: false,
    error: null,
    form: null,
    editing: null,
    fieldErrors: {},
    saving: false,
    deleting: null,
    actionError: null,
    shoppers: [],
    previewShopper: null,
    previewSlot: 'home',
    options: null,
    preview: null,
    previewLoading: false,
    previewError: null,
    previewQuery: '',
    previewSegments: '',
    setPreviewSegments: (previewSegments) => set({ previewSegments }),
    previewCollection: '',
    setPreviewCollection: (previewCollection) => set({ previewCollection }),
    beforeAfter: null,
    draftPreviewed: false,
    draftPreviewOf: null,
    setPreviewQuery: (previewQuery) => set({ previewQuery }),
    async previewDraft() {
      const input = get().validate();
      if (!input) return;
      const target = draftPreviewTarget(input, get().previewQuery, get().previewSlot, parseSegments(get().previewSegments), get().previewCollection);
      if ('needsQuery' in target) return set({ previewError: t('rules.draft.needsQuery') });
      const shopperId = get().previewShopper;
      const editing = get().editing;
      const previewedForm = get().form;
      const token = ++previewToken;
      set({ previewLoading: true, previewError: null });
      try {
        const beforeAfter = await client.call('rules.preview', { ...target, k: RULE_PREVIEW_K, ...(shopperId ? { shopperId } : {}), draft: input, ...(editing ? { replaces: editing } : {}) });
        if (token === previewToken) set({ beforeAfter, draftPreviewed: true, draftPreviewOf: previewedForm, preview: null, previewLoading: false });
      } catch (error) {
        if (token !== previewToken) return;
        // The engine's words about the draft's fields (an unknown item, brand, category or slot) go next to those fields too.
        const issues = error instanceof ContractError ? error.issues.filter((i) => i.path.startsWith('draft.')).map((i) => ({ ...i, path: i.path.slice('draft.'.length) })) : [];
        const form = get().form;
        set({ previewLoading: false, previewError: errorMessage(error), ...(issues.length > 0 && form ? { fieldErrors: fieldErrorsFromIssues(issues, form.targetType) } : {}) });
      }
    },
    async load() {
      set({ loading: true, error: null });
      try {
        const [rules, sessions] = await Promise.all([client.call('rules.list', {}), client.call('sessions.list', { limit: 100 })]);
        const shoppers = [...new Set(sessions.map((s) => s.shopperId))];
        const previewShopper = get().previewShopper ?? shoppers[0] ?? null;
        set({ rules, shoppers, previewShopper, loaded: true, loading: false });
        void get().loadPreview();
        void (async () => {
          try {
            set({ options: await client.call('rules.options', {}) });
          } catch {
            // Without options the form keeps its free-text fields.
          }
        })();
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
    openNew: () => set({ form: { ...EMPTY_RULE_FORM }, editing: null, fieldErrors: {}, actionError: null }),
    openEdit(ruleId) {
      const rule = get().rules.find((r) => r.ruleId === ruleId);
      if (rule) set({ form: formFromRule(rule), editing: ruleId, fieldErrors: {}, actionError: null });
    },
    // A draft's before/after is of a rule that no longer exists once the form closes.
    closeForm: () => set((s) => ({ form: null, editing: null, fieldErrors: {}, ...(s.draftPreviewed ? { beforeAfter: null, draftPreviewed: false, draftPreviewOf: null } : {}) })),
    setField(field, value) {
      const form = get().form;
      if (!form) return;
      // Editing a field clears its error: the message described the old value.
      const { [field]: _cleared, ...rest } = get().fieldErrors;
      set({ form: { ...form, [field]: value }, fieldErrors: rest });
    },
    addWindow() {
      const form = get().form;
      if (form) set((s) => ({ form: { ...form, windows: withWindowAdded(form.windows) }, fieldErrors: errorsAfterWindowEdit(s.fieldErrors, 'shift') }));
    },
    setWindow(index, patch) {
      const form = get().form;
      const parts = Object.keys(patch) as (keyof WindowValues)[];
      if (form) set((s) => ({ form: { ...form, windows: withWindowChanged(form.windows, index, patch) }, fieldErrors: errorsAfterWindowEdit(s.fieldErrors, { index, parts }) }));
    },
    removeWindow(index) {
      const form = get().form;
      if (form) set((s) => ({ form: { ...form, windows: withWindowRemoved(form.windows, index) }, fieldErrors: errorsAfterWindowEdit(s.fieldErrors, 'shift') }));
    },
    validate() {
      const form = get().form;
      if (!form) return null;
      const { input, errors } = inputFromForm(form, { notANumber: t('rules.error.number'), notADate: t('rules.error.date'), windowNeedsZone: t('rules.error.windowNeedsZone') });
      if (!input) {
        set({ fieldErrors: errors });
        return null;
      }
      const parsed = RuleInput.safeParse(input);
      if (!parsed.success) {
        const fieldErrors = fieldErrorsFromIssues(
          parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })),
          form.targetType,
        );
        set({ fieldErrors, actionError: fieldErrors._form ?? null });
        return null;
      }
      set({ fieldErrors: {} });
      return input;
    },
    async submit(confirm) {
      const { form, editing, saving } = get();
      if (!form || saving) return false;
      const { input, errors } = inputFromForm(form, { notANumber: t('rules.error.number'), notADate: t('rules.error.date'), windowNeedsZone: t('rules.error.windowNeedsZone') });
      if (!input) {
        set({ fieldErrors: errors });
        return false;
      }
      set({ saving: true, fieldErrors: {}, actionError: null });
      try {
        const withConfirm = confirm ? { confirm } : {};
        const rule =
          editing === null
            ? await client.call('rules.create', { ...input, ...withConfirm })
            : await client.call('rules.update', { ruleId: editing, patch: input as Record<string, unknown>, ...withConfirm });
        set((s) => ({
          rules: editing === null ? [...s.rules, rule] : s.rules.map((r) => (r.ruleId === rule.ruleId ? rule : r)),
          saving: false,
          form: null,
          editing: null,
        }));
        void get().loadPreview();
        return true;
      } catch (error) {
        if (isConfirmationRequired(error)) {
          set({ saving: false });
          throw error;
        }
        const issues = error instanceof ContractError ? error.issues : [];
        const fieldErrors = fieldErrorsFromIssues(issues, form.targetType);
        set({ saving: false, fieldErrors, actionError: issues.length === 0 ? errorMessage(error) : (fieldErrors._form ?? null) });
        return false;
      }
    },
    async remove(ruleId) {
      if (get().deleting) return;
      set({ deleting: ruleId, actionError: null });
      try {
        await client.call('rules.delete', { ruleId });
        set((s) => ({ rules: s.rules.filter((r) => r.ruleId !== ruleId), deleting: null, ...(s.editing === ruleId ? { form: null, editing: null } : {}) }));
        void get().loadPreview();
        void (async () => {
          try {
            set({ options: await client.call('rules.options', {}) });
          } catch {
            // Without options the form keeps its free-text fields.
          }
        })();
      } catch (error) {
        set({ deleting: null, actionError: errorMessage(error) });
      }
    },
    async toggleEnabled(ruleId, confirm) {
      const rule = get().rules.find((r) => r.ruleId === ruleId);
      if (!rule) return;
      set({ actionError: null });
      try {
        const updated = await client.call('rules.update', { ruleId, patch: { enabled: !rule.enabled }, ...(confirm ? { confirm } : {}) });
        set((s) => ({ rules: s.rules.map((r) => (r.ruleId === ruleId ? updated : r)) }));
        void get().loadPreview();
        void (async () => {
          try {
            set({ options: await client.call('rules.options', {}) });
          } catch {
            // Without options the form keeps its free-text fields.
          }
        })();
      } catch (error) {
        if (isConfirmationRequired(error)) throw error;
        set({ actionError: errorMessage(error) });
      }
    },
    async setPreviewShopper(previewShopper) {
      set({ previewShopper });
      await get().loadPreview();
    },
    setPreviewSlot: (previewSlot) => set({ previewSlot }),
    async loadPreview() {
      const shopperId = get().previewShopper;
      const query = get().previewQuery.trim();
      if (!shopperId && !query) return;
      const token = ++previewToken;
      set({ previewLoading: true, previewError: null });
      try {
        const slot = get().previewSlot.trim() || 'home';
        const segments = parseSegments(get().previewSegments);
        const inSegments = segments.length > 0 ? { segments } : {};
        const collection = get().previewCollection;
        // With a query the preview is that search (query rules fire on it); otherwise the slot's
        // recommendations, or a collection's list when one is chosen (a browse list: the slot is not 'search').
        const listSlot = collection && slot === 'search' ? 'home' : slot;
        const [preview, beforeAfter] = await Promise.all([
          shopperId && !query ? client.call('recommend', { shopperId, k: RULE_PREVIEW_K, slot: listSlot, ...inSegments, ...(collection ? { context: { collection } } : {}) }) : Promise.resolve(null),
          client.call(
            'rules.preview',
            query
              ? { slot: 'search', query, k: RULE_PREVIEW_K, ...(shopperId ? { shopperId } : {}), ...inSegments }
              : { slot: listSlot, k: RULE_PREVIEW_K, ...(shopperId ? { shopperId } : {}), ...inSegments, ...(collection ? { collection } : {}) },
          ),
        ]);
        if (token !== previewToken) return;
        set({ preview, beforeAfter, draftPreviewed: false, draftPreviewOf: null, previewLoading: false });
      } catch (error) {
        if (token !== previewToken) return;
        set({ previewLoading: false, previewError: errorMessage(error) });
      }
    },
  }));
}
