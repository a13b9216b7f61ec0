/**
 * Attaching the desktop console to a headless engine (docs/TEAM_MODE.md): which origin the window
 * trusts and the address that logs in. Pure, so it is tested without Electron.
 */
import { HTTP } from '../../shared/contract';
import type { EngineChoice } from '../../shared/contract';

export interface RemoteConsole {
  /** The only origin the window may show (scheme, host, port). */
  origin: string;
  /** Where the window goes first: the engine trades the token for a cookie and redirects to the console. */
  loginUrl: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The console of a remote engine, or why it cannot be used. https everywhere; plain http only on
 * this machine's loopback (an engine bound elsewhere sits behind a TLS proxy). A URL with user info,
 * a query or a fragment is refused; a path is ignored (the console is served at the root).
 */
export function remoteConsole(choice: Extract<EngineChoice, { mode: 'remote' }>): { ok: true; console: RemoteConsole } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(choice.url);
  } catch {
    return { ok: false, reason: `the remote engine URL "${choice.url}" is not a URL` };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'the remote engine URL must not carry a user name or password: put the token in the token field' };
  if (url.search !== '' || url.hash !== '') return { ok: false, reason: 'the remote engine URL must not carry a query or fragment' };
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    return { ok: false, reason: `the remote engine must be reached over https (plain http only on 127.0.0.1 / localhost), not ${url.protocol}//${url.host}` };
  }
  if (choice.token.trim() === '') return { ok: false, reason: 'no token for the remote engine: create one with `instinct users add` on the engine and enter it in Settings' };
  const login = new URL('/', url.origin);
  login.searchParams.set(HTTP.tokenQuery, choice.token.trim());
  return { ok: true, console: { origin: url.origin, loginUrl: login.toString() } };
}
