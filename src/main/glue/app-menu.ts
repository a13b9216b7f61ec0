/**
 * The application menu as data: a pure function of the platform and the actions, so each
 * platform's layout is unit-tested without Electron (only a type is imported from it).
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  importFile(): void;
  revealLogs(): void;
  about(): void;
  /** Opens the documentation in the browser; absent when no docs origin is on the openExternal allowlist. */
  openDocs?: () => void;
}

export interface MenuFacts {
  platform: NodeJS.Platform;
  appName: string;
  /** Reload and developer tools only while developing. */
  isDev: boolean;
}

export function appMenuTemplate(facts: MenuFacts, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = facts.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `About ${facts.appName}`, click: () => actions.about() };
  const appMenu: MenuItemConstructorOptions = {
    label: facts.appName,
    submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  };
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFile() },
      { label: 'Reveal Logs', click: () => actions.revealLogs() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'delete' }, { type: 'separator' }, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...(facts.isDev ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] satisfies MenuItemConstructorOptions[]) : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    role: 'windowMenu',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      ...(mac ? [] : [about]),
      ...(actions.openDocs ? [{ label: 'Documentation', click: () => actions.openDocs?.() } satisfies MenuItemConstructorOptions] : []),
    ],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, windowMenu, help];
}
