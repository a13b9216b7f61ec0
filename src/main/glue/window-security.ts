import { session, shell, type BrowserWindow, type WebContents, type WebPreferences } from 'electron';
import { externalAllowlist, navigationVerdict, permissionAllowed } from './navigation-policy';

export { APP_ORIGIN } from './navigation-policy';

/** The only web preferences any Instinct window gets. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
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
 * open): no navigation away from exactly app://console (checked on will-navigate, will-redirect and
 * will-frame-navigate), no new windows, no <webview>; allowlisted https links open in the user's
 * browser (INSTINCT_OPEN_EXTERNAL).
 */
export function guardWebContents(contents: WebContents, allowlist: readonly string[] = externalAllowlist()): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (navigationVerdict(url, allowlist) === 'open-external') void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    const verdict = navigationVerdict(event.url, allowlist, event.isMainFrame);
    if (verdict === 'allow') return;
    event.preventDefault();
    if (verdict === 'open-external') void shell.openExternal(event.url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (navigationVerdict(event.url, allowlist, event.isMainFrame) !== 'allow') event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (navigationVerdict(event.url, allowlist, event.isMainFrame) !== 'allow') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Permission requests and checks (camera, notifications, clipboard ...) are all refused, for every session. */
export function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionAllowed(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permissionAllowed(permission));
}

/** The console window: the guard above (also installed for every web contents at creation) and denied permissions. */
export function lockDownNavigation(win: BrowserWindow): void {
  guardWebContents(win.webContents);
  win.webContents.session.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionAllowed(permission)));
  win.webContents.session.setPermissionCheckHandler((_wc, permission) => permissionAllowed(permission));
}
