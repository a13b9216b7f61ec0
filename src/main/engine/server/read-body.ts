import type { IncomingMessage } from 'node:http';
import { ContractError } from '../../../shared/contract';

/** Reads a JSON body, refusing more than `limit` bytes before buffering it all. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new ContractError('too_large', `body: ${declared} bytes is over the ${limit}-byte limit`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ContractError('too_large', `body: over the ${limit}-byte limit`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ContractError('bad_request', `body: not valid JSON (${(err as Error).message})`, [{ path: '(body)', message: 'not valid JSON' }]);
  }
}
