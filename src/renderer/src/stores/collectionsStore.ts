import { createStore, type StoreApi } from 'zustand/vanilla';
import { t } from '../i18n/translate';
import { ContractError, type Collection } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { collectionFieldErrors, EMPTY_COLLECTION_FORM, itemLines, toggledItem, type CollectionFieldErrors, type CollectionFormValues } from './collectionForm';
import { errorMessage } from './errorMessage';

export interface CollectionsState {
  collections: Collection[] | null;
  loading: boolean;
  error: string | null;
  /** The open form, and the collection it edits (null: a new one). */
  form: CollectionFormValues | null;
  editing: string | null;
  fieldErrors: CollectionFieldErrors;
  saving: boolean;
  deleting: string | null;
  actionError: string | null;
  load(): Promise<void>;
  openNew(): void;
  openEdit(collectionId: string): Promise<void>;
  closeForm(): void;
  setField(field: keyof CollectionFormValues, value: string): void;
  /** Puts an item in the form's collection or takes it out (the catalogue table's checkboxes). */
  toggleItem(itemId: string, on: boolean): void;
  submit(): Promise<boolean>;
  remove(collectionId: string): Promise<void>;
}

export type CollectionsStore = StoreApi<CollectionsState>;

/** The catalogue's collections (Catalogue page): collections.list / get / save / delete. */
export function createCollectionsStore(client: ApiClient, hooks: { onChanged?: () => void } = {}): CollectionsStore {
  return createStore<CollectionsState>()((set, get) => ({
    collections: null,
    loading: false,
    error: null,
    form: null,
    editing: null,
    fieldErrors: {},
    saving: false,
    deleting: null,
    actionError: null,
    async load() {
      set({ loading: true, error: null });
      try {
        set({ collections: await client.call('collections.list', {}), loading: false });
      } catch (error) {
        set({ loading: false, error: errorMessage(error) });
      }
    },
    openNew: () => set({ form: { ...EMPTY_COLLECTION_FORM }, editing: null, fieldErrors: {}, actionError: null }),
    async openEdit(collectionId) {
      set({ actionError: null });
      try {
        const detail = await client.call('collections.get', { collectionId });
        set({ form: { collectionId, name: detail.collection.name, itemsText: detail.itemIds.join('\n') }, editing: collectionId, fieldErrors: {} });
      } catch (error) {
        set({ actionError: errorMessage(error) });
      }
    },
    closeForm: () => set({ form: null, editing: null, fieldErrors: {} }),
    setField(field, value) {
      const form = get().form;
      if (!form) return;
      const { [field]: _cleared, ...rest } = get().fieldErrors;
      set({ form: { ...form, [field]: value }, fieldErrors: rest });
    },
    toggleItem(itemId, on) {
      const form = get().form;
      if (form) get().setField('itemsText', toggledItem(form.itemsText, itemId, on));
    },
    async submit() {
      const { form, saving } = get();
      if (!form || saving) return false;
      const { itemIds, lines } = itemLines(form.itemsText);
      set({ saving: true, fieldErrors: {}, actionError: null });
      try {
        const saved = await client.call('collections.save', { collectionId: form.collectionId.trim(), name: form.name, itemIds });
        set((s) => ({
          saving: false,
          form: null,
          editing: null,
          collections: [...(s.collections ?? []).filter((c) => c.collectionId !== saved.collectionId), saved].sort((a, b) => a.name.localeCompare(b.name)),
        }));
        hooks.onChanged?.();
        return true;
      } catch (error) {
        const issues = error instanceof ContractError ? error.issues : [];
        const fieldErrors = collectionFieldErrors(issues, lines, (line) => t('collections.form.line', { line }));
        set({ saving: false, fieldErrors, actionError: issues.length === 0 ? errorMessage(error) : (fieldErrors._form ?? null) });
        return false;
      }
    },
    async remove(collectionId) {
      if (get().deleting) return;
      set({ deleting: collectionId, actionError: null });
      try {
        await client.call('collections.delete', { collectionId });
        set((s) => ({ deleting: null, collections: (s.collections ?? []).filter((c) => c.collectionId !== collectionId), ...(s.editing === collectionId ? { form: null, editing: null } : {}) }));
        hooks.onChanged?.();
      } catch (error) {
        set({ deleting: null, actionError: errorMessage(error) });
      }
    },
  }));
}
