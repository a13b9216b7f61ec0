import { readFileSync } from 'node:fs';
import { HTTP, type EventInput, type RpcEnvelope } from '../../shared/contract';
import { UsageError } from './options';

/** Sends JSONL events to a running engine over the HTTP contract, in batches, and prints what it answered. */
export async function ingestToServer(file: string | undefined, url: string | undefined, token: string | undefined): Promise<number> {
  if (!url || !token) throw new UsageError('ingest: give --url (or INSTINCT_URL) and the token in INSTINCT_TOKEN or a --token-file, of a running `npm run demo` or `cli serve`');
  const text = readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8');
  const lines = text.split('\n').map((l, i) => ({ line: i + 1, text: l.trim() })).filter((l) => l.text !== '');
  let stored = 0;
  for (let i = 0; i < lines.length; i += 1000) {
    const batch = lines.slice(i, i + 1000);
    const events = batch.map((l) => {
      try {
        return JSON.parse(l.text) as EventInput;
      } catch {
        throw new UsageError(`${file ?? 'stdin'}:${l.line}: not valid JSON`);
      }
    });
    const res = await fetch(`${url.replace(/\/$/, '')}${HTTP.rpcPrefix}events.ingest`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ events }),
    });
    const envelope = (await res.json()) as RpcEnvelope;
    if (!envelope.ok) {
      // Name the input line of the first bad event, not its index in our batch.
      const index = /^events\.(\d+)/.exec(envelope.error.issues?.[0]?.path ?? '')?.[1];
      const where = index === undefined ? `lines ${batch[0]?.line}-${batch.at(-1)?.line}` : `line ${batch[Number(index)]?.line}`;
      throw new UsageError(`${file ?? 'stdin'}:${where}: ${envelope.error.message} (nothing from this batch was stored)`);
    }
    stored += (envelope.result as { stored: number }).stored;
  }
  return stored;
}
