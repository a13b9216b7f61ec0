import { createStore, type StoreApi } from 'zustand/vanilla';
import { MAX_IMPORT_TEXT_BYTES, type ImportFormat, type ImportReport, type ImportTarget, type ImportTask } from '../transport/contract';
import type { ApiClient } from '../transport/apiClient';
import { formatBytes } from '../i18n/format';
import { t } from '../i18n/translate';
import { errorMessage } from './errorMessage';
import { guessFormat, guessTarget, isTooLarge } from './importFile';
import { mergeImportTask } from './importQueue';

export type ImportPhase = 'idle' | 'reading' | 'ready' | 'sending' | 'done' | 'error';

export interface ChosenFile {
  name: string;
  size: number;
  content: string;
}

export interface ImportState {
  file: ChosenFile | null;
  format: ImportFormat;
  target: ImportTarget;
  phase: ImportPhase;
  report: ImportReport | null;
  error: string | null;
  /** The engine's imports: running, waiting (one runs at a time), and recently finished. */
  queue: ImportTask[];
  /** Import ids whose cancel request is in flight. */
  cancelling: string[];
  queueError: string | null;
  /** Takes a file by name and size plus a way to read it, so the store never touches DOM File objects. */
  chooseFile(name: string, size: number, readText: () => Promise<string>): Promise<void>;
  setFormat(format: ImportFormat): void;
  setTarget(target: ImportTarget): void;
  submit(): Promise<void>;
  loadQueue(): Promise<void>;
  receiveTask(task: ImportTask): void;
  cancelImport(importId: string): Promise<void>;
  /** Loads the queue and follows its pushes; returns the unsubscribe. */
  watchQueue(): () => void;
}

export type ImportStore = StoreApi<ImportState>;

export function createImportStore(client: ApiClient): ImportStore {
  return createStore<ImportState>()((set, get) => ({
    file: null,
    format: 'csv',
    target: 'events',
    phase: 'idle',
    report: null,
    error: null,
    queue: [],
    cancelling: [],
    queueError: null,
    async chooseFile(name, size, readText) {
      const guessed = { format: guessFormat(name, get().format), target: guessTarget(name, get().target) };
      if (isTooLarge(size)) {
        const message = t('import.file.tooLarge', { name, size: formatBytes(size), max: formatBytes(MAX_IMPORT_TEXT_BYTES) });
        set({ file: null, phase: 'error', error: message, report: null });
        return;
      }
      set({ ...guessed, file: null, phase: 'reading', error: null, report: null });
      try {
        const content = await readText();
        set({ file: { name, size, content }, phase: 'ready' });
      } catch {
        set({ phase: 'error', error: t('import.file.readFailed', { name }) });
      }
    },
    setFormat: (format) => set({ format }),
    setTarget: (target) => set({ target }),
    async submit() {
      const { file, format, target, phase } = get();
      if (!file || phase === 'sending') return;
      set({ phase: 'sending', error: null, report: null });
      try {
        const report = await client.call('import.text', { fileName: file.name, format, target, content: file.content });
        set({ phase: 'done', report });
      } catch (error) {
        set({ phase: 'error', error: errorMessage(error) });
      }
    },
    async loadQueue() {
      try {
        set({ queue: await client.call('import.queue', {}), queueError: null });
      } catch (error) {
        set({ queueError: errorMessage(error) });
      }
    },
    receiveTask: (task) => set({ queue: mergeImportTask(get().queue, task) }),
    async cancelImport(importId) {
      if (get().cancelling.includes(importId)) return;
      set({ cancelling: [...get().cancelling, importId], queueError: null });
      try {
        get().receiveTask(await client.call('import.cancel', { importId }));
      } catch (error) {
        set({ queueError: errorMessage(error) });
      } finally {
        set({ cancelling: get().cancelling.filter((id) => id !== importId) });
      }
    },
    watchQueue() {
      const off = client.subscribe('imports.changed', (task) => get().receiveTask(task));
      void get().loadQueue();
      return off;
    },
  }));
}
