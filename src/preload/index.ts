// The whole bridge: one frozen window.api, one function per contract method, nothing else.
// No logic here: main validates every input.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, IPC_CHANNEL, METHODS, type Api, type AppEvent } from '../shared/contract';

const api: Record<string, unknown> = {};
for (const method of METHODS) {
  api[method] = (input?: unknown) => ipcRenderer.invoke(IPC_CHANNEL, method, input ?? {});
}
api.onEvent = (listener: (event: AppEvent) => void) => {
  const wrapped = (_e: IpcRendererEvent, event: AppEvent) => listener(event);
  ipcRenderer.on(EVENT_CHANNEL, wrapped);
  return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
};

// --- import / export (issue 3): a dropped File's path, for drag-and-drop import ---
api.pathForFile = (file: File): string => {
  try {
    return webUtils.getPathForFile(file);
  } catch {
    return '';
  }
};
// --- end import / export ---

contextBridge.exposeInMainWorld('api', Object.freeze(api) as Api);
