import { describe, expect, it } from 'vitest';
import { guessFormat, guessTarget, isTooLarge } from '../../src/renderer/src/stores/importFile';
import { createImportStore } from '../../src/renderer/src/stores/importStore';
import { MAX_IMPORT_TEXT_BYTES } from '../../src/renderer/src/transport/contract';
import { fakeClient } from './fakes';

const report = {
  file: 'events.csv',
  format: 'csv',
  target: 'events',
  rowsRead: 3,
  stored: 1,
  duplicates: 1,
  rejected: 1,
  skipped: 0,
  skippedReasons: {},
  rejections: [{ file: 'events.csv', line: 3, field: 'type', reason: 'unknown type' }],
};

describe('import file logic', () => {
  it('guesses the format and target from the name without undoing an explicit JSONL dialect', () => {
    expect(guessFormat('events.CSV', 'jsonl')).toBe('csv');
    expect(guessFormat('events.jsonl', 'csv')).toBe('jsonl');
    expect(guessFormat('export.ndjson', 'ga4')).toBe('ga4');
    expect(guessFormat('notes.txt', 'segment')).toBe('segment');
    expect(guessTarget('products.csv', 'events')).toBe('catalog');
    expect(guessTarget('clicks.csv', 'events')).toBe('events');
    expect(isTooLarge(MAX_IMPORT_TEXT_BYTES + 1)).toBe(true);
  });
});

describe('import store', () => {
  it('reads the file, sends it and keeps the report', async () => {
    const { client, transport } = fakeClient({ 'import.text': () => report });
    const store = createImportStore(client);
    await store.getState().chooseFile('events.csv', 30, async () => 'a,b\n1,2');
    expect(store.getState().phase).toBe('ready');
    await store.getState().submit();
    expect(transport.calls[0]).toEqual({ method: 'import.text', input: { fileName: 'events.csv', format: 'csv', target: 'events', content: 'a,b\n1,2' } });
    expect(store.getState()).toMatchObject({ phase: 'done', report: { stored: 1, rejected: 1 } });
  });

  it('refuses a file over the contract limit without reading it', async () => {
    const { client } = fakeClient();
    const store = createImportStore(client);
    let read = false;
    await store.getState().chooseFile('huge.csv', MAX_IMPORT_TEXT_BYTES + 1, async () => {
      read = true;
      return '';
    });
    expect(read).toBe(false);
    expect(store.getState().phase).toBe('error');
    expect(store.getState().error).toContain('huge.csv');
    await store.getState().submit();
    expect(store.getState().phase).toBe('error');
  });

  it('shows the engine error when the import is refused', async () => {
    const { client } = fakeClient({});
    const store = createImportStore(client);
    await store.getState().chooseFile('items.jsonl', 10, async () => '{}');
    expect(store.getState()).toMatchObject({ format: 'jsonl', target: 'catalog' });
    await store.getState().submit();
    expect(store.getState()).toMatchObject({ phase: 'error', report: null });
  });
});

describe('import queue', () => {
  const task = (importId: string, status: 'queued' | 'running' | 'succeeded' | 'cancelled', done = 0, finishedAt: number | null = null) => ({
    importId,
    file: `${importId}.csv`,
    format: 'csv',
    target: 'events',
    status,
    queuedAt: 1,
    startedAt: status === 'queued' ? null : 2,
    finishedAt,
    progress: { done, total: 100, rowsRead: done, stored: done, rejected: 0 },
    report: null,
    error: null,
  });

  it('loads the queue, follows pushes in place, and never lets a late push undo an end', async () => {
    const { client, transport } = fakeClient({ 'import.queue': () => [task('a', 'running', 10), task('b', 'queued')] });
    const store = createImportStore(client);
    const stop = store.getState().watchQueue();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().queue.map((t) => [t.importId, t.status])).toEqual([
      ['a', 'running'],
      ['b', 'queued'],
    ]);
    transport.push('imports.changed', task('a', 'running', 60));
    expect(store.getState().queue[0]?.progress.done).toBe(60);
    transport.push('imports.changed', task('a', 'succeeded', 100, 5));
    transport.push('imports.changed', task('a', 'running', 90));
    expect(store.getState().queue[0]).toMatchObject({ status: 'succeeded', progress: { done: 100 } });
    transport.push('imports.changed', task('c', 'queued'));
    expect(store.getState().queue.map((t) => t.importId)).toEqual(['c', 'a', 'b']);
    stop();
    transport.push('imports.changed', task('d', 'queued'));
    expect(store.getState().queue).toHaveLength(3);
  });

  it('cancels an import and shows what the engine answered', async () => {
    const { client, transport } = fakeClient({ 'import.queue': () => [task('b', 'queued')], 'import.cancel': () => task('b', 'cancelled', 0, 3) });
    const store = createImportStore(client);
    await store.getState().loadQueue();
    await store.getState().cancelImport('b');
    expect(transport.calls.at(-1)).toEqual({ method: 'import.cancel', input: { importId: 'b' } });
    expect(store.getState().queue[0]?.status).toBe('cancelled');
    expect(store.getState().cancelling).toEqual([]);
  });
});
