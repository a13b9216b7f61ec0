/**
 * The only bridge between the sandboxed console and the engine: `window.instinct` with exactly the
 * contract's methods and topics. No raw ipcRenderer and no other channel is exposed.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC, isMethodName, isTopicName, type InstinctBridge, type RpcEnvelope } from '../shared/contract';

const bridge: InstinctBridge = {
  transport: 'ipc',
  invoke(method, input) {
    if (!isMethodName(method)) return Promise.reject(new Error(`unknown method ${String(method)}`));
    return ipcRenderer.invoke(IPC.invoke, method, input) as Promise<RpcEnvelope>;
  },
  subscribe(topic, listener) {
    if (!isTopicName(topic)) throw new Error(`unknown topic ${String(topic)}`);
    const handler = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === topic) listener(payload);
    };
    ipcRenderer.on(IPC.topic, handler);
    return () => ipcRenderer.removeListener(IPC.topic, handler);
  },
};

contextBridge.exposeInMainWorld('instinct', bridge);
