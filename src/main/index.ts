/**
 * Electron glue: app lifecycle, the window, the app:// protocol and the IPC binding. The engine
 * itself knows nothing of Electron.
 */
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { Engine } from './engine/engine';
import { desktopPlatform, resolveLocations, type LocationHost } from './engine/locations/resolve-locations';
import { registerAppScheme, serveRenderer } from './glue/app-protocol';
import { bindIpc } from './glue/ipc-binding';
import { APP_ORIGIN, denyPermissions, guardWebContents, lockDownNavigation, secureWebPreferences } from './glue/window-security';

registerAppScheme();
// Every web contents, whoever creates it, gets the navigation guard before it loads anything.
app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
let engine: Engine | undefined;
let window: BrowserWindow | undefined;
let unbind: (() => void) | undefined;

function createWindow(): void {
  window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Instinct',
    show: false,
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
  });
  lockDownNavigation(window);
  window.once('ready-to-show', () => window?.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  window.on('closed', () => (window = undefined));
}

/** The facts only Electron knows, handed to the engine's locations module as plain data. */
function locationHost(): LocationHost {
  const platform = desktopPlatform();
  return app.isPackaged
    ? { kind: 'packaged', platform, resourcesPath: process.resourcesPath, userDataPath: app.getPath('userData'), logsPath: app.getPath('logs') }
    : // Built into <checkout>/out/main/: the checkout is two folders up, whatever the working directory.
      { kind: 'checkout', platform, root: join(__dirname, '../..') };
}

app.whenReady().then(() => {
  denyPermissions();
  const locations = resolveLocations(locationHost(), { env: process.env });
  // Worker threads and anything else that resolves models itself find the shipped ones too.
  process.env.INSTINCT_MODELS_DIR = locations.modelsDir;
  engine = new Engine({ dataDir: locations.dataDir, textModelDir: locations.textEncoderDir, evalResultsDir: locations.evalResultsDir, host: 'electron' });
  serveRenderer(join(__dirname, '../renderer'));
  unbind = bindIpc(engine, () => window?.webContents);
  createWindow();
  void engine.start();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}).catch((err: unknown) => {
  console.error('Instinct failed to start:', err);
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', (event) => {
  unbind?.();
  const closing = engine;
  if (!closing) return;
  engine = undefined;
  // Quit once the engine has closed: its encoder worker threads finish the batch in hand first,
  // as a thread cut off inside ONNX Runtime by the process exiting aborts the process.
  event.preventDefault();
  void closing.close().finally(() => app.exit(0));
});
