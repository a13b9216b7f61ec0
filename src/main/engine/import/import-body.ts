import { ContractError, fromZodError, ImportTextRequest, issuePath, requestProblem, type ImportFormat, type ImportTarget, type RpcEnvelope } from '../../../shared/contract';
import { bodyText } from '../server/read-body';

/**
 * A large `import.text` HTTP body, checked: the small fields, and the content as UTF-8 bytes with
 * its length in characters (the import's progress counts characters of text). Or the error reply
 * the dispatcher would have given for the same body.
 */
export type ImportBodyCheck =
  | { ok: true; fileName: string; format: ImportFormat; target: ImportTarget; content: Uint8Array; chars: number }
  | { ok: false; envelope: RpcEnvelope };

/**
 * Checks a raw `import.text` body exactly as the HTTP server and the dispatcher check any body (JSON,
 * nesting and prototype keys, the contract's schema), with the same error replies. Runs on a worker
 * thread (import-worker.ts): the up-to-32 MiB JSON is parsed, and its content string materialised,
 * there and never on the engine's thread.
 */
export function checkImportBody(body: Uint8Array): ImportBodyCheck {
  let text: string;
  try {
    text = bodyText(body);
  } catch (err) {
    if (err instanceof ContractError) return refused(err);
    throw err;
  }
  let input: unknown = {};
  if (text.trim() !== '') {
    try {
      input = JSON.parse(text) as unknown;
    } catch (err) {
      return refused(new ContractError('bad_request', `body: not valid JSON (${(err as Error).message})`, [{ path: '(body)', message: 'not valid JSON' }]));
    }
  }
  const hostile = requestProblem(input);
  if (hostile) {
    const path = issuePath(hostile.path);
    return refused(new ContractError('bad_request', `import.text: ${path}: ${hostile.message}`, [{ path, message: hostile.message }]));
  }
  const parsed = ImportTextRequest.safeParse(input ?? {});
  if (!parsed.success) return refused(fromZodError('import.text', parsed.error));
  const { fileName, format, target, content } = parsed.data;
  return { ok: true, fileName, format, target, content: new TextEncoder().encode(content), chars: content.length };
}

function refused(err: ContractError): ImportBodyCheck {
  return { ok: false, envelope: err.toEnvelope() };
}
