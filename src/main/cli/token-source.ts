import { readFileSync } from 'node:fs';
import { UsageError } from './options';

/**
 * The engine's token for `cli ingest`: from INSTINCT_TOKEN or a file (--token-file), never from the
 * command line, where every local user can read it in the process list.
 */
export function tokenFrom(options: { token?: string; tokenFile?: string }, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (options.token !== undefined) {
    throw new UsageError('--token would show the token to every user of this machine in the process list: set INSTINCT_TOKEN, or put it in a file and pass --token-file FILE');
  }
  if (options.tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.tokenFile, 'utf8');
    } catch (err) {
      throw new UsageError(`--token-file ${options.tokenFile}: ${(err as Error).message}`);
    }
    const token = text.trim();
    if (token === '') throw new UsageError(`--token-file ${options.tokenFile}: the file is empty`);
    return token;
  }
  const fromEnv = env.INSTINCT_TOKEN?.trim();
  return fromEnv === '' ? undefined : fromEnv;
}
