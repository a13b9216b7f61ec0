/**
 * The Electron glue's security decisions as pure functions (no `electron` import), so they are
 * unit-tested under plain Node: what counts as our own page, which links may leave the app, and
 * which IPC senders may call the engine.
 */

/** The app's own origin: the console is served as app://console/ and nothing else is ours. */
export const APP_SCHEME = 'app:';
export const APP_HOST = 'console';
export const APP_ORIGIN = 'app://console';

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Exactly our origin: scheme app, host console, no port, no user info. A prefix test would let
 * `app://console.evil/` or `app://console@evil/` through.
 */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return u !== undefined && u.protocol === APP_SCHEME && u.hostname === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}

/**
 * Exactly the console's origin: app://console for the local engine, or the attached headless
 * engine's origin (scheme, host and port), never with user info.
 */
export function isOwnUrl(url: string, ownOrigin: string): boolean {
  if (ownOrigin === APP_ORIGIN) return isAppUrl(url);
  const u = parse(url);
  return u !== undefined && u.username === '' && u.password === '' && u.origin === ownOrigin;
}

/**
 * Origins the app may open in the user's browser (https only), from INSTINCT_OPEN_EXTERNAL as a
 * comma-separated list such as `https://docs.example.com,https://status.example.com`. Empty by
 * default: the console has no external links, so nothing leaves the app unless configured.
 */
export function externalAllowlist(raw: string | undefined = process.env.INSTINCT_OPEN_EXTERNAL): readonly string[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((entry) => parse(entry.trim()))
    .filter((u): u is URL => u !== undefined && u.protocol === 'https:' && u.username === '' && u.password === '')
    .map((u) => u.origin);
}

/** May this URL be handed to the system browser? https, no credentials, origin on the list. */
export function externalUrlAllowed(url: string, allowlist: readonly string[]): boolean {
  const u = parse(url);
  return u !== undefined && u.protocol === 'https:' && u.username === '' && u.password === '' && allowlist.includes(u.origin);
}

/** What a navigation (will-navigate, will-redirect, will-frame-navigate, window.open) should do. */
export type NavigationVerdict = 'allow' | 'open-external' | 'deny';

/**
 * Our own page may move within its origin (app://console, or the attached engine's; client-side
 * routes, reloads, the login redirect); everything else stays
 * out of the app, and only allowlisted https links open in the user's browser, and only from the
 * main frame (a subframe never opens anything).
 */
export function navigationVerdict(url: string, allowlist: readonly string[], isMainFrame = true, ownOrigin: string = APP_ORIGIN): NavigationVerdict {
  if (isOwnUrl(url, ownOrigin)) return 'allow';
  return isMainFrame && externalUrlAllowed(url, allowlist) ? 'open-external' : 'deny';
}

/** Who sent an IPC request, as Electron describes it. */
export interface IpcSender {
  /** webContents id of the sender. */
  senderId: number;
  /** webContents id of our console window, if it exists. */
  windowId: number | undefined;
  /** The sending frame is its page's main frame (not an iframe). */
  isMainFrame: boolean;
  /** The sending frame's URL; null when the frame is gone. */
  frameUrl: string | null;
}

/** Only the main frame of our own window, showing exactly our origin, may call the engine. */
export function ipcSenderAllowed(sender: IpcSender): boolean {
  return sender.windowId !== undefined && sender.senderId === sender.windowId && sender.isMainFrame && sender.frameUrl !== null && isAppUrl(sender.frameUrl);
}

/** Every permission a page may ask for (camera, notifications, clipboard ...) is refused: the console needs none. */
export function permissionAllowed(_permission: string): boolean {
  return false;
}
