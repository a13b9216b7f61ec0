/**
 * Copies the process's console lines (console.info/log/warn/error and anything written to stderr)
 * into a log, each line stamped with the time and level, while they still reach the terminal.
 * Returns a function that restores the originals. The desktop app installs it at start.
 */
import { format } from 'node:util';

export interface LogSink {
  write(text: string): void;
}

type Level = 'info' | 'warn' | 'error';

export function formatLogLine(now: Date, level: Level | 'stderr', message: string): string {
  const body = message.endsWith('\n') ? message.slice(0, -1) : message;
  return `${now.toISOString()} ${level.toUpperCase().padEnd(6)} ${body}\n`;
}

export function teeConsoleToLog(sink: LogSink, target: { console: Console; stderr: NodeJS.WriteStream } = { console, stderr: process.stderr }, clock: () => Date = () => new Date()): () => void {
  const { console: c, stderr } = target;
  const originals = { info: c.info, log: c.log, warn: c.warn, error: c.error, write: stderr.write };
  // console.warn/error write to stderr themselves: don't log those lines twice.
  let inConsole = false;
  const safeWrite = (text: string): void => {
    try {
      sink.write(text);
    } catch {
      // A full disk or a removed folder must not break the engine: the terminal still has the line.
    }
  };
  const wrap = (level: Level, original: (...args: unknown[]) => void) =>
    (...args: unknown[]): void => {
      safeWrite(formatLogLine(clock(), level, format(...args)));
      inConsole = true;
      try {
        original.apply(c, args);
      } finally {
        inConsole = false;
      }
    };
  c.info = wrap('info', originals.info);
  c.log = wrap('info', originals.log);
  c.warn = wrap('warn', originals.warn);
  c.error = wrap('error', originals.error);
  stderr.write = function write(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    if (!inConsole) safeWrite(formatLogLine(clock(), 'stderr', typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk)));
    return (originals.write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as NodeJS.WriteStream['write'];
  return () => {
    c.info = originals.info;
    c.log = originals.log;
    c.warn = originals.warn;
    c.error = originals.error;
    stderr.write = originals.write;
  };
}
