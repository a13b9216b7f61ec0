import { session, shell, type BrowserWindow, type WebContents, type WebPreferences } from 'electron';
import { APP_ORIGIN, externalAllowlist, navigationVerdict, permissionAllowed } from './navigation-policy';
import { keepDownloadPrivate } from './private-downloads';

export { APP_ORIGIN } from './navigation-policy';

/** The console's origin for every guard: app://console, or the attached engine's (set once at start). */
let ownOrigin = APP_ORIGIN;

export function setConsoleOrigin(origin: string): void {
  ownOrigin = origin;
}

/**
 * The only web preferences any Instinct window gets. Without a preload (a console served by an
 * attached engine) the page has no IPC bridge and talks HTTP to its own origin.
 */
export function secureWebPreferences(preload?: string): WebPreferences {
  return {
    ...(preload !== undefined ? { preload } : {}),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false,
  };
}

/**
 * Applied to every web contents the app ever creates (the console, and anything a page might try to
 * open): no navigation away from exactly the console's origin (app://console or the attached engine's) (checked on will-navigate, will-redirect and
 * will-frame-navigate), no new windows, no <webview>; allowlisted https links open in the user's
 * browser (INSTINCT_OPEN_EXTERNAL).
 */
export function guardWebContents(contents: WebContents, allowlist: readonly string[] = externalAllowlist()): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (navigationVerdict(url, allowlist, true, ownOrigin) === 'open-external') void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    const verdict = navigationVerdict(event.url, allowlist, event.isMainFrame, ownOrigin);
    if (verdict === 'allow') return;
    event.preventDefault();
    if (verdict === 'open-external') void shell.openExternal(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (navigationVerdict(event.url, allowlist, event.isMainFrame, ownOrigin) !== 'allow') event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (navigationVerdict(event.url, allowlist, event.isMainFrame, ownOrigin) !== 'allow') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Permission requests and checks (camera, notifications, clipboard ...) are all refused, for every session. */
export function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionAllowed(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permissionAllowed(permission));
}

/**
 * A file the console saves (a shopper's export, a blob download) is readable by this user only once
 * complete (private-downloads.ts). Once, at start: the console's windows all use the default session.
 */
export function keepConsoleDownloadsPrivate(): void {
  session.defaultSession.on('will-download', (_event, item) => void keepDownloadPrivate(item, ownOrigin));
}

/** The console window: the guard above (also installed for every web contents at creation) and denied permissions. */
export function lockDownNavigation(win: BrowserWindow): void {
  guardWebContents(win.webContents);
  win.webContents.session.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionAllowed(permission)));
  win.webContents.session.setPermissionCheckHandler((_wc, permission) => permissionAllowed(permission));
}
