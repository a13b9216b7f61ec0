import type { IncomingMessage } from 'node:http';
import { ContractError } from '../../../shared/contract';

/** Reads a JSON body, refusing more than `limit` bytes before buffering it all. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new ContractError('too_large', `body: ${declared} bytes is over the ${limit}-byte limit`);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limit) throw new ContractError('too_large', `body: over the ${limit}-byte limit`);
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof ContractError) throw err;
    // The client went away or was cut off by the request timeout.
    throw new ContractError('bad_request', 'body: the request ended before its body did', [{ path: '(body)', message: 'incomplete' }]);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ContractError('bad_request', `body: not valid JSON (${(err as Error).message})`, [{ path: '(body)', message: 'not valid JSON' }]);
  }
}
