import { shell, type BrowserWindow, type WebPreferences } from 'electron';

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

/** The app's own origin; everything else leaves the app. */
export const APP_ORIGIN = 'app://console';

/** No navigation away from the console, no new windows, and https links open in the user's browser. */
export function lockDownNavigation(win: BrowserWindow): void {
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(APP_ORIGIN)) {
      event.preventDefault();
      if (url.startsWith('https://')) void shell.openExternal(url);
    }
  });
  win.webContents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}
