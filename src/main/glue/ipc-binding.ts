import { ipcMain, type WebContents } from 'electron';
import { ContractError, IPC, TOPIC_NAMES } from '../../shared/contract';
import type { Engine } from '../engine/engine';
import { ipcSenderAllowed } from './navigation-policy';

/**
 * Wires the contract to IPC: one channel for requests (validated by the dispatcher, sender checked)
 * and one for topics. Returns a function that unbinds everything.
 */
export function bindIpc(engine: Engine, target: () => WebContents | undefined): () => void {
  ipcMain.handle(IPC.invoke, async (event, method: unknown, input: unknown) => {
    // Only the main frame of our own window, at exactly our origin: never a subframe, another
    // window, or a page that navigated elsewhere.
    const frame = event.senderFrame;
    const allowed = ipcSenderAllowed({
      senderId: event.sender.id,
      windowId: target()?.id,
      isMainFrame: frame !== null && frame.parent === null,
      frameUrl: frame?.url ?? null,
    });
    if (!allowed) return new ContractError('unauthorized', 'requests are accepted only from the Instinct console').toEnvelope();
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
