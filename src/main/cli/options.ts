import { resolve } from 'node:path';

/** Where the store lives when no --data-dir is given. */
export function dataDirFrom(flag: string | undefined, fallback: string): string {
  return resolve(flag ?? process.env.INSTINCT_DATA_DIR ?? fallback);
}

export function portFrom(flag: string | undefined): number {
  const raw = flag ?? process.env.INSTINCT_PORT ?? '0';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: not a port number: ${raw}`);
  return port;
}

export class UsageError extends Error {}
