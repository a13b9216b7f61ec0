import { createStore, type StoreApi } from 'zustand/vanilla';
import { ContractError, type FieldIssue, type ImportMode, type MethodInput, type RulesImportResult } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { t } from '../i18n/translate';
import { errorMessage } from './errorMessage';
import { downloadText } from './privacy';

/** A chosen file, parsed, waiting for its preview and the operator's go-ahead. */
export interface ChosenRulesFile {
  name: string;
  document: unknown;
}

export interface RuleTransferState {
  exporting: boolean;
  exportError: string | null;
  file: ChosenRulesFile | null;
  mode: ImportMode;
  /** The dry run of the chosen file in the chosen mode: what applying would change. */
  preview: RulesImportResult | null;
  previewing: boolean;
  reason: string;
  applying: boolean;
  /** Why the file cannot be imported (or applying failed), and the entries and fields at fault. */
  error: string | null;
  issues: FieldIssue[];
  /** The last import applied, for the page's confirmation line. */
  applied: RulesImportResult | null;
  exportAll(): Promise<void>;
  chooseFile(name: string, text: string): Promise<void>;
  setMode(mode: ImportMode): Promise<void>;
  setReason(reason: string): void;
  apply(): Promise<boolean>;
  cancel(): void;
}

export type RuleTransferStore = StoreApi<RuleTransferState>;

export interface RuleTransferOptions {
  /** Where an export goes; the browser download by default (a test passes its own). */
  save?: (fileName: string, text: string) => void;
  /** Called after an import is applied (the Rules page reloads its list). */
  onApplied?: () => void;
  clock?: () => number;
}

/** The file an export is saved as: the date in its name, so several exports sort. */
export function rulesExportFileName(now: number): string {
  return `instinct-rules-${new Date(now).toISOString().slice(0, 10)}.json`;
}

type ImportedDocument = MethodInput<'rules.import'>['document'];

export function createRuleTransferStore(client: ApiClient, options: RuleTransferOptions = {}): RuleTransferStore {
  const save = options.save ?? downloadText;
  const clock = options.clock ?? Date.now;
  let token = 0;
  return createStore<RuleTransferState>()((set, get) => {
    const failed = (error: unknown): Partial<RuleTransferState> => ({
      error: errorMessage(error),
      issues: error instanceof ContractError ? error.issues : [],
    });
    // The engine checks the document (envelope and every entry); the console sends it as read.
    const call = (dryRun: boolean, confirm?: { reason: string }) => {
      const file = get().file as ChosenRulesFile;
      return client.call('rules.import', { document: file.document as ImportedDocument, mode: get().mode, dryRun, ...(confirm ? { confirm } : {}) });
    };
    const loadPreview = async (): Promise<void> => {
      if (!get().file) return;
      const mine = ++token;
      set({ previewing: true, preview: null, error: null, issues: [] });
      try {
        const preview = await call(true);
        if (mine === token) set({ preview, previewing: false });
      } catch (error) {
        if (mine === token) set({ previewing: false, ...failed(error) });
      }
    };
    return {
      exporting: false,
      exportError: null,
      file: null,
      mode: 'add',
      preview: null,
      previewing: false,
      reason: '',
      applying: false,
      error: null,
      issues: [],
      applied: null,
      async exportAll() {
        set({ exporting: true, exportError: null });
        try {
          const doc = await client.call('rules.export', {});
          save(rulesExportFileName(clock()), `${JSON.stringify(doc, null, 2)}\n`);
          set({ exporting: false });
        } catch (error) {
          set({ exporting: false, exportError: errorMessage(error) });
        }
      },
      async chooseFile(name, text) {
        token++;
        let document: unknown;
        try {
          document = JSON.parse(text) as unknown;
        } catch (error) {
          set({ file: null, preview: null, previewing: false, applied: null, error: t('rules.import.notJson', { file: name, reason: errorMessage(error) }), issues: [] });
          return;
        }
        set({ file: { name, document }, reason: '', applied: null });
        await loadPreview();
      },
      async setMode(mode) {
        set({ mode });
        await loadPreview();
      },
      setReason: (reason) => set({ reason }),
      async apply() {
        const { file, preview, reason } = get();
        if (!file || !preview) return false;
        set({ applying: true, error: null, issues: [] });
        try {
          const applied = await call(false, { reason: reason.trim() });
          set({ applying: false, applied, file: null, preview: null, reason: '' });
          options.onApplied?.();
          return true;
        } catch (error) {
          set({ applying: false, ...failed(error) });
          return false;
        }
      },
      cancel() {
        token++;
        set({ file: null, preview: null, previewing: false, error: null, issues: [], reason: '' });
      },
    };
  });
}
