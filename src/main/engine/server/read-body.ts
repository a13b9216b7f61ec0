import type { IncomingMessage } from 'node:http';
import { ContractError } from '../../../shared/contract';

/** Reads a body's bytes, refusing more than `limit` bytes before buffering it all. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
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
  return Buffer.concat(chunks, size);
}

/** A body's JSON (an empty body is `{}`); not valid JSON is a 400. */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ContractError('bad_request', `body: not valid JSON (${(err as Error).message})`, [{ path: '(body)', message: 'not valid JSON' }]);
  }
}
