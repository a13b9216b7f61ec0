import type { IncomingMessage } from 'node:http';
import { ContractError } from '../../../shared/contract';
import { firstInvalidUtf8 } from '../import/text-decoding';

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

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A body's text; bytes that are not UTF-8 are a 400 naming the first bad byte. Decoding leniently
 * turned each into U+FFFD, so an id, title or query was silently stored as other text than was sent.
 */
export function bodyText(body: Uint8Array): string {
  try {
    return strictUtf8.decode(body);
  } catch {
    // Looked for only on failure: the decoder says no more than that the bytes are bad.
    const at = firstInvalidUtf8(body);
    const message = at >= 0 ? `not valid UTF-8 (byte ${at})` : 'not valid UTF-8';
    throw new ContractError('bad_request', `body: ${message}`, [{ path: '(body)', message }]);
  }
}

/** A body's JSON (an empty body is `{}`); not valid UTF-8 or not valid JSON is a 400. */
export function parseJsonBody(body: Buffer): unknown {
  const text = bodyText(body);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ContractError('bad_request', `body: not valid JSON (${(err as Error).message})`, [{ path: '(body)', message: 'not valid JSON' }]);
  }
}
