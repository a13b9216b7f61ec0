/**
 * Electron glue: app lifecycle, the window, the menu, the app:// protocol and the IPC binding. The
 * engine itself knows nothing of Electron. docs/PACKAGING.md "App behaviour".
 */
import { app, BrowserWindow, dialog, Menu, shell } from 'electron';
import { join } from 'node:path';
import { Engine } from './engine/engine';
import { desktopPlatform, desktopSettingsFile, resolveLocations, type CheckoutHost, type PackagedHost } from './engine/locations/resolve-locations';
import { teeConsoleToLog } from './engine/logging/console-tee';
import { RotatingLog } from './engine/logging/rotating-log';
import { loadSettings } from './engine/settings/settings-file';
import { settingsOverrides } from './engine/settings/settings-overrides';
import { appMenuTemplate } from './glue/app-menu';
import { registerAppScheme, serveRenderer } from './glue/app-protocol';
import { FileOpening } from './glue/file-opening';
import { bindIpc } from './glue/ipc-binding';
import { externalAllowlist, externalUrlAllowed } from './glue/navigation-policy';
import { filesFromArgv } from './glue/opened-files';
import { quitSequence } from './glue/quit-sequence';
import { remoteConsole, type RemoteConsole } from './glue/remote-engine';
import { APP_ORIGIN, denyPermissions, guardWebContents, keepConsoleDownloadsPrivate, lockDownNavigation, secureWebPreferences, setConsoleOrigin } from './glue/window-security';

let engine: Engine | undefined;
let window: BrowserWindow | undefined;
let unbind: (() => void) | undefined;
const opening = new FileOpening(() => engine?.bus);

// One Instinct per user: a second launch focuses this one and hands over the files it was given.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  // Every web contents, whoever creates it, gets the navigation guard before it loads anything.
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    for (const file of filesFromArgv(argv, workingDirectory)) void opening.open(file);
  });
  // macOS hands files over by event, before or after ready.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void opening.open(path);
  });
  for (const file of filesFromArgv(process.argv, process.cwd())) void opening.open(file);
  app.whenReady().then(start).catch((err: unknown) => {
    console.error('Instinct failed to start:', err);
    app.exit(1);
  });
}

/** The console window: our own console (app://, IPC to the local engine) or an attached engine's (HTTP, no preload). */
function createWindow(remote?: RemoteConsole): void {
  window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: remote ? `Instinct — ${remote.origin}` : 'Instinct',
    show: false,
    webPreferences: secureWebPreferences(remote ? undefined : join(__dirname, '../preload/index.js')),
  });
  lockDownNavigation(window);
  window.once('ready-to-show', () => window?.show());
  // The console subscribes to its topics as its script runs, before the load finishes.
  window.webContents.on('did-finish-load', () => opening.consoleReady());
  void window.loadURL(remote ? remote.loginUrl : `${APP_ORIGIN}/index.html`);
  window.on('closed', () => (window = undefined));
}

/** The facts only Electron knows, handed to the engine's locations module as plain data. */
function locationHost(): PackagedHost | CheckoutHost {
  const platform = desktopPlatform();
  return app.isPackaged
    ? { kind: 'packaged', platform, resourcesPath: process.resourcesPath, userDataPath: app.getPath('userData'), logsPath: app.getPath('logs') }
    : // Built into <checkout>/out/main/: the checkout is two folders up, whatever the working directory.
      { kind: 'checkout', platform, root: join(__dirname, '../..') };
}

function start(): void {
  denyPermissions();
  keepConsoleDownloadsPrivate();
  const host = locationHost();
  const locations = resolveLocations(host, { env: process.env });
  // From here on the engine's console lines also go to <logs>/instinct.log (5 files of 5 MB).
  const log = new RotatingLog(locations.logsDir);
  teeConsoleToLog(log);
  console.info(`[app] Instinct ${app.getVersion()} starting; logs in ${locations.logsDir}`);
  const settingsFile = desktopSettingsFile(host);
  const { settings, warning } = loadSettings(settingsFile);
  if (warning) console.warn(`[settings] ${warning}`);
  if (settings.engine.mode === 'remote') {
    // Attached to a headless engine (docs/TEAM_MODE.md): no local engine; the window shows that
    // engine's console at its origin, with the user's token and role.
    const remote = remoteConsole(settings.engine);
    if (remote.ok) {
      attach(remote.console, log.currentFile);
      return;
    }
    console.warn(`[app] the remote engine in the settings cannot be used (${remote.reason}); running the local engine`);
  }
  const overrides = settingsOverrides(settings, process.env);
  // Worker threads and anything else that resolves models itself find the shipped ones too.
  process.env.INSTINCT_MODELS_DIR = locations.modelsDir;
  engine = new Engine({
    dataDir: overrides.dataDir ?? locations.dataDir,
    textModelDir: locations.textEncoderDir,
    modelsDir: locations.modelsDir,
    evalResultsDir: locations.evalResultsDir,
    logsDir: locations.logsDir,
    settingsFile,
    appVersion: app.getVersion(),
    host: 'electron',
    ...(overrides.executionProvider ? { executionProvider: overrides.executionProvider } : {}),
    ...(overrides.encoderWorkers !== undefined ? { encoderWorkers: overrides.encoderWorkers } : {}),
    revealLogs: () => shell.showItemInFolder(log.currentFile),
  });
  const running = engine;
  serveRenderer(join(__dirname, '../renderer'), () => running.settings.current.imageOrigins);
  unbind = bindIpc(engine, () => window?.webContents);
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, appName: app.name, isDev: !app.isPackaged }, menuActions(log.currentFile))));
  createWindow();
  void engine.start();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

/** The desktop console attached to a remote engine: its origin is the only one the window trusts. */
function attach(remote: RemoteConsole, logFile: string): void {
  console.info(`[app] attached to the engine at ${remote.origin}`);
  setConsoleOrigin(remote.origin);
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, appName: app.name, isDev: !app.isPackaged }, menuActions(logFile))));
  createWindow(remote);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(remote);
  });
}

function menuActions(logFile: string): Parameters<typeof appMenuTemplate>[1] {
  const docs = process.env.INSTINCT_DOCS_URL;
  return {
    async importFile() {
      const options = { properties: ['openFile' as const], filters: [{ name: 'Events or catalogue', extensions: ['csv', 'jsonl', 'ndjson'] }] };
      const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      for (const path of chosen.canceled ? [] : chosen.filePaths) void opening.open(path);
    },
    revealLogs: () => shell.showItemInFolder(logFile),
    about() {
      // Attached to a remote engine there is no local one: the app's own versions (the engine's are on its Settings page).
      const v = engine?.versions();
      const models = v ? v.models.map((m) => `${m.name}: ${m.version}`).join('\n') : '';
      const detail = [`Instinct ${v?.instinct ?? app.getVersion()}`, `Electron ${process.versions.electron ?? '-'}`, `Node ${process.versions.node}`, `ONNX Runtime ${v?.onnxRuntime ?? '-'}`, models].join('\n');
      void dialog.showMessageBox({ type: 'info', title: 'About Instinct', message: 'Instinct', detail });
    },
    // Only a documentation origin the openExternal allowlist names is offered.
    ...(docs && externalUrlAllowed(docs, externalAllowlist()) ? { openDocs: () => void shell.openExternal(docs) } : {}),
  };
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', (event) => {
  unbind?.();
  const closing = engine;
  if (!closing) return;
  engine = undefined;
  // Quit once the engine has closed (or after a timeout): its encoder worker threads finish the
  // batch in hand first, as a thread cut off inside ONNX Runtime by the process exiting aborts the process.
  event.preventDefault();
  void quitSequence({ close: () => closing.close(), exit: (code) => app.exit(code) });
});
