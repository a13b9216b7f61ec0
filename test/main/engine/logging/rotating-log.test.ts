import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLogLine, teeConsoleToLog } from '../../../../src/main/engine/logging/console-tee';
import { RotatingLog, rotationPlan } from '../../../../src/main/engine/logging/rotating-log';

describe('log rotation', () => {
  it('plans nothing while the line fits, then shifts every file up and drops the oldest', () => {
    const all = () => true;
    expect(rotationPlan(10, 5, all, { maxBytes: 20 })).toEqual([]);
    expect(rotationPlan(0, 500, all, { maxBytes: 20 })).toEqual([]);
    expect(rotationPlan(18, 5, all, { maxBytes: 20, maxFiles: 3, baseName: 'x' })).toEqual([
      { kind: 'delete', file: 'x.2.log' },
      { kind: 'rename', from: 'x.1.log', to: 'x.2.log' },
      { kind: 'rename', from: 'x.log', to: 'x.1.log' },
    ]);
    expect(rotationPlan(18, 5, (i) => i === 0, { maxBytes: 20, maxFiles: 3, baseName: 'x' })).toEqual([{ kind: 'rename', from: 'x.log', to: 'x.1.log' }]);
  });

  it('keeps at most maxFiles files of at most maxBytes, the newest lines in the current file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'instinct-logs-'));
    const log = new RotatingLog(dir, { maxBytes: 100, maxFiles: 3 });
    for (let i = 0; i < 40; i++) log.write(`line ${String(i).padStart(3, '0')} ........\n`);
    expect(readdirSync(dir).sort()).toEqual(['instinct.1.log', 'instinct.2.log', 'instinct.log']);
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).length).toBeLessThanOrEqual(100);
    expect(readFileSync(join(dir, 'instinct.log'), 'utf8')).toContain('line 039');
    expect(readFileSync(join(dir, 'instinct.2.log'), 'utf8')).not.toContain('line 000');
    // A new log over the same folder continues the current file's size.
    const again = new RotatingLog(dir, { maxBytes: 100, maxFiles: 3 });
    again.write('x'.repeat(90) + '\n');
    expect(readFileSync(join(dir, 'instinct.log'), 'utf8')).toBe('x'.repeat(90) + '\n');
  });

  it.skipIf(process.platform === 'win32')('keeps the logs for this user only, tightening an older 0755 folder and 0644 logs', () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'instinct-logs-')), 'logs');
    new RotatingLog(fresh).write('first\n');
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    expect(statSync(join(fresh, 'instinct.log')).mode & 0o777).toBe(0o600);

    const dir = mkdtempSync(join(tmpdir(), 'instinct-logs-'));
    chmodSync(dir, 0o755);
    for (const f of ['instinct.log', 'instinct.1.log']) {
      writeFileSync(join(dir, f), 'older version\n');
      chmodSync(join(dir, f), 0o644);
    }
    new RotatingLog(dir).write('line\n');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'instinct.log')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'instinct.1.log')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'instinct.log'), 'utf8')).toBe('older version\nline\n');

    // A shared, sticky folder (like /tmp) is not ours to close: only the files are tightened.
    const shared = mkdtempSync(join(tmpdir(), 'instinct-logs-'));
    chmodSync(shared, 0o1777);
    new RotatingLog(shared).write('line\n');
    expect(statSync(shared).mode & 0o7777).toBe(0o1777);
    expect(statSync(join(shared, 'instinct.log')).mode & 0o777).toBe(0o600);
  });

  it('copies console lines and stderr writes to the log once each, and restores the console', () => {
    const lines: string[] = [];
    const printed: string[] = [];
    const stderr = { write: (chunk: string) => (printed.push(chunk), true) } as unknown as NodeJS.WriteStream;
    const fakeConsole = { info: (m: string) => printed.push(m), log: (m: string) => printed.push(m), warn: (m: string) => stderr.write(`${m}\n`), error: (m: string) => stderr.write(`${m}\n`) } as unknown as Console;
    const restore = teeConsoleToLog({ write: (t) => lines.push(t) }, { console: fakeConsole, stderr }, () => new Date(0));
    fakeConsole.info('[engine] ready %d', 3);
    fakeConsole.warn('[engine] careful');
    stderr.write('raw stderr\n');
    expect(lines).toEqual([formatLogLine(new Date(0), 'info', '[engine] ready 3'), formatLogLine(new Date(0), 'warn', '[engine] careful'), formatLogLine(new Date(0), 'stderr', 'raw stderr\n')]);
    expect(lines[0]).toBe('1970-01-01T00:00:00.000Z INFO   [engine] ready 3\n');
    expect(printed).toContain('[engine] careful\n');
    restore();
    fakeConsole.info('after');
    expect(lines).toHaveLength(3);
  });
});
