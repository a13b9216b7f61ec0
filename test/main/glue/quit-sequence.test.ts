import { describe, expect, it } from 'vitest';
import { quitSequence } from '../../../src/main/glue/quit-sequence';
import { filesFromArgv } from '../../../src/main/glue/opened-files';

describe('quit sequence', () => {
  it('exits only after the engine has closed', async () => {
    const order: string[] = [];
    let finish!: () => void;
    const fakeEngine = { close: () => new Promise<void>((resolve) => (finish = () => (order.push('closed'), resolve()))) };
    const done = quitSequence({ close: () => fakeEngine.close(), exit: (code) => order.push(`exit ${code}`), setTimer: () => 0 });
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]);
    finish();
    expect(await done).toBe('closed');
    expect(order).toEqual(['closed', 'exit 0']);
  });

  it('exits with 1 after the timeout when close hangs, and when close fails', async () => {
    const exits: number[] = [];
    const logs: string[] = [];
    let fire!: () => void;
    const hang = quitSequence({ close: () => new Promise<void>(() => undefined), exit: (c) => exits.push(c), timeoutMs: 50, log: (m) => logs.push(m), setTimer: (fn) => ((fire = fn), 0) });
    fire();
    expect(await hang).toBe('timeout');
    expect(await quitSequence({ close: () => Promise.reject(new Error('disk gone')), exit: (c) => exits.push(c), log: (m) => logs.push(m), setTimer: () => 0 })).toBe('failed');
    expect(exits).toEqual([1, 1]);
    expect(logs.join('\n')).toMatch(/50 ms[\s\S]*disk gone/);
  });
});

describe('files handed over by the OS', () => {
  it('keeps importable files from a second launch, resolved against its working directory', () => {
    expect(filesFromArgv(['/opt/Instinct/instinct', '--no-sandbox', 'events.csv', '/data/catalog.JSONL', 'notes.txt'], '/home/me')).toEqual(['/home/me/events.csv', '/data/catalog.JSONL']);
    expect(filesFromArgv(['electron', '.'], '/x')).toEqual([]);
  });
});
