import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, type MenuActions } from '../../../src/main/glue/app-menu';

const actions = () => ({ importFile: vi.fn<() => void>(), revealLogs: vi.fn<() => void>(), about: vi.fn<() => void>(), openDocs: vi.fn<() => void>() }) satisfies Required<MenuActions>;
const items = (m: MenuItemConstructorOptions): MenuItemConstructorOptions[] => (Array.isArray(m.submenu) ? m.submenu : []);
const roles = (m: MenuItemConstructorOptions): string[] => items(m).flatMap((i) => (i.role ? [i.role] : []));
const byLabel = (m: MenuItemConstructorOptions, label: string) => items(m).find((i) => i.label === label);
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('application menu', () => {
  it('puts the app menu first on macOS, with About and Quit there', () => {
    const a = actions();
    const menu = appMenuTemplate({ platform: 'darwin', appName: 'Instinct', isDev: false }, a);
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['Instinct', '&File', '&Edit', '&View', 'windowMenu', 'help']);
    expect(roles(menu[0]!)).toContain('quit');
    click(byLabel(menu[0]!, 'About Instinct'));
    expect(a.about).toHaveBeenCalledOnce();
    expect(roles(menu[1]!)).toEqual(['close']);
  });

  it('starts with File elsewhere: Import (Ctrl+O), Reveal Logs, Quit; About under Help', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const a = actions();
      const menu = appMenuTemplate({ platform, appName: 'Instinct', isDev: false }, a);
      expect(menu[0]!.label).toBe('&File');
      const imp = byLabel(menu[0]!, 'Import…');
      expect(imp?.accelerator).toBe('CmdOrCtrl+O');
      click(imp);
      click(byLabel(menu[0]!, 'Reveal Logs'));
      expect(a.importFile).toHaveBeenCalledOnce();
      expect(a.revealLogs).toHaveBeenCalledOnce();
      expect(roles(menu[0]!)).toEqual(['quit']);
      click(byLabel(menu.at(-1)!, 'About Instinct'));
      click(byLabel(menu.at(-1)!, 'Documentation'));
      expect(a.about).toHaveBeenCalledOnce();
      expect(a.openDocs).toHaveBeenCalledOnce();
    }
  });

  it('has the standard edit roles, zoom and full screen, and reload only in development', () => {
    const prod = appMenuTemplate({ platform: 'linux', appName: 'Instinct', isDev: false }, actions());
    expect(roles(prod[1]!)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    expect(roles(prod[2]!)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    const dev = appMenuTemplate({ platform: 'linux', appName: 'Instinct', isDev: true }, actions());
    expect(roles(dev[2]!)).toContain('reload');
  });

  it('offers Documentation only when a docs link is allowed', () => {
    const { openDocs: _drop, ...noDocs } = actions();
    const menu = appMenuTemplate({ platform: 'linux', appName: 'Instinct', isDev: false }, noDocs);
    expect(byLabel(menu.at(-1)!, 'Documentation')).toBeUndefined();
  });
});
