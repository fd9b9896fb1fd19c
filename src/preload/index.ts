// The whole bridge: one frozen window.api, one function per contract method, nothing else.
// No logic here: main validates every input.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, IPC_CHANNEL, METHODS, type Api, type AppEvent } from '../shared/contract';
import { GRANT_PATH_CHANNEL } from '../shared/jobs';

/** The members that are not backend methods, typed against the contract's Api. */
const local: Pick<Api, 'onEvent' | 'pathForFile' | 'host'> = {
  host: 'electron',
  onEvent: (listener: (event: AppEvent) => void) => {
    const wrapped = (_e: IpcRendererEvent, event: AppEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
  // A dropped File's path, for drag-and-drop import (contextIsolation hides File.path). Only a
  // File the user gave the page has one, so main may let the renderer import it: say so.
  pathForFile: (file: File): Promise<string> => {
    let p: string;
    try {
      p = webUtils.getPathForFile(file);
    } catch {
      return Promise.resolve('');
    }
    if (p) ipcRenderer.send(GRANT_PATH_CHANNEL, p);
    return Promise.resolve(p);
  },
};

const api: Record<string, unknown> = { ...local };
for (const method of METHODS) {
  api[method] = (input?: unknown) => ipcRenderer.invoke(IPC_CHANNEL, method, input ?? {});
}

contextBridge.exposeInMainWorld('api', Object.freeze(api));
