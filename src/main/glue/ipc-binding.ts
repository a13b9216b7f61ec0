import { ipcMain, type WebContents } from 'electron';
import { ContractError, IPC, TOPIC_NAMES } from '../../shared/contract';
import type { Engine } from '../engine/engine';
import { APP_ORIGIN } from './window-security';

/**
 * Wires the contract to IPC: one channel for requests (validated by the dispatcher, sender checked)
 * and one for topics. Returns a function that unbinds everything.
 */
export function bindIpc(engine: Engine, target: () => WebContents | undefined): () => void {
  ipcMain.handle(IPC.invoke, async (event, method: unknown, input: unknown) => {
    // Only our own page may call the engine, never a frame that navigated elsewhere.
    if (!event.senderFrame?.url.startsWith(APP_ORIGIN)) {
      return new ContractError('unauthorized', 'requests are accepted only from the Instinct console').toEnvelope();
    }
    return engine.dispatcher.handle(method, input, { transport: 'ipc' });
  });
  const unsubscribe = TOPIC_NAMES.map((topic) =>
    engine.bus.subscribe(topic, (payload) => {
      const wc = target();
      if (wc && !wc.isDestroyed()) wc.send(IPC.topic, topic, payload);
    }),
  );
  return () => {
    ipcMain.removeHandler(IPC.invoke);
    for (const off of unsubscribe) off();
  };
}
