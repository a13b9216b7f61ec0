import { actorOf } from '../loop/audit/actor';
import type { HandlerMap } from '../rpc/handler-map';
import type { EngineVersions, RevealLogsResult } from '../../../shared/contract';
import type { SettingsService } from './settings-service';

export interface SettingsHandlerDeps {
  readonly settings: SettingsService;
  readonly versions: () => EngineVersions;
  readonly logsDir: string;
  /** The desktop app shows the folder in the file manager (shell.showItemInFolder); absent elsewhere. */
  readonly revealLogs?: (logsDir: string) => void;
}

/** settings.get / settings.set (audited), engine.versions and logs.reveal. */
export function settingsHandlers(d: SettingsHandlerDeps): HandlerMap {
  return {
    'settings.get': () => d.settings.view(),
    'settings.set': (input, ctx) => d.settings.set(input, actorOf(ctx)),
    'engine.versions': () => d.versions(),
    'logs.reveal': (_input, ctx): RevealLogsResult => {
      // Only the desktop window's own requests open a file manager, on its own machine.
      if (ctx.transport === 'ipc' && d.revealLogs) {
        d.revealLogs(d.logsDir);
        return { path: d.logsDir, revealed: true };
      }
      return { path: d.logsDir, revealed: false };
    },
  };
}
