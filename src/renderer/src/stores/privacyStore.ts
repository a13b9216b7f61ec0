import { createStore, type StoreApi } from 'zustand/vanilla';
import { ContractError, type Assessment, type Confirmation, type ErasureResult } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { errorMessage } from './errorMessage';
import { downloadText, erasureAssessment, exportFileName, exportText } from './privacy';

export type PrivacyAnnouncement = { kind: 'exported'; shopperId: string; fileName: string } | { kind: 'erased'; shopperId: string; result: ErasureResult };

/** A shopper's data request on the Inspector page: export it as a file, or erase it (guarded). */
export interface PrivacyState {
  /** The shopper whose export is being read, if any. */
  exporting: string | null;
  erasing: string | null;
  error: string | null;
  announcement: PrivacyAnnouncement | null;
  /** Reads `shoppers.export` and saves it as `shopper-<id>.json`; false when it failed (the error is kept). */
  exportShopper(shopperId: string): Promise<boolean>;
  /** The dialog's expected effect: `shoppers.footprint` in words. */
  assessErasure(shopperId: string): Promise<Assessment>;
  /** Guarded (the risk dialog calls it): refuses without a reason; a failure is thrown back to the dialog. */
  erase(shopperId: string, confirm?: Confirmation): Promise<ErasureResult>;
  dismiss(): void;
}

export type PrivacyStore = StoreApi<PrivacyState>;

export interface PrivacyStoreOptions {
  /** Where an export goes; the browser download by default (a test passes its own). */
  save?: (fileName: string, text: string) => void;
}

export function createPrivacyStore(client: ApiClient, options: PrivacyStoreOptions = {}): PrivacyStore {
  const save = options.save ?? downloadText;
  return createStore<PrivacyState>()((set, get) => ({
    exporting: null,
    erasing: null,
    error: null,
    announcement: null,
    async exportShopper(shopperId) {
      if (get().exporting) return false;
      set({ exporting: shopperId, error: null, announcement: null });
      try {
        const data = await client.call('shoppers.export', { shopperId });
        const fileName = exportFileName(shopperId);
        save(fileName, exportText(data));
        set({ exporting: null, announcement: { kind: 'exported', shopperId, fileName } });
        return true;
      } catch (error) {
        set({ exporting: null, error: errorMessage(error) });
        return false;
      }
    },
    async assessErasure(shopperId) {
      return erasureAssessment(await client.call('shoppers.footprint', { shopperId }));
    },
    async erase(shopperId, confirm) {
      // Erasure cannot be undone: never sent without the operator's reason.
      if (!confirm) throw new ContractError('confirmation_required', 'Erasing a shopper needs a reason (it is kept in the audit log).');
      set({ erasing: shopperId, error: null, announcement: null });
      try {
        const result = await client.call('shoppers.erase', { shopperId, confirm });
        set({ erasing: null, announcement: { kind: 'erased', shopperId, result } });
        return result;
      } catch (error) {
        set({ erasing: null });
        throw error;
      }
    },
    dismiss: () => set({ error: null, announcement: null }),
  }));
}
