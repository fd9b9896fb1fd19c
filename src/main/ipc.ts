// The IPC edge: one channel, the sender checked, every input parsed by the contract's schema
// (in dispatch); and the preload's grants of dropped files' paths, from the same trusted frame
// only. Takes ipcMain as a parameter so unit tests can drive it with a fake.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { IPC_CHANNEL } from '../shared/contract';
import { GRANT_PATH_CHANNEL } from '../shared/jobs';
import type { Result } from '../shared/result';

export interface Dispatcher {
  /**
   * `sender` names the calling window (webContents id), for the project-switch check. A method
   * the contract runs off the main thread answers later (a promise), the others at once.
   */
  serve(method: unknown, input: unknown, sender?: number): Result<unknown> | Promise<Result<unknown>>;
  /** The user dropped this path on the window (sent by the preload, see pathForFile). */
  grantPath?(path: string): void;
}

type GrantListener = (event: IpcMainEvent, ...args: unknown[]) => void;

/** ipcMain as far as registerIpc uses it; `on` serves the path grants where the host has them. */
export interface IpcMainLike extends Pick<IpcMain, 'handle' | 'removeHandler'> {
  on?(channel: string, listener: GrantListener): unknown;
  removeListener?(channel: string, listener: GrantListener): unknown;
}

/** Only our own top-level page may call the backend: not iframes, not navigated-away pages. */
export function isTrustedFrame(
  frame: Pick<WebFrameMain, 'url' | 'parent'> | null,
  trustedUrl: (url: string) => boolean,
): boolean {
  if (!frame || frame.parent !== null) return false;
  return trustedUrl(frame.url);
}

export function registerIpc(
  ipcMain: IpcMainLike,
  target: Dispatcher,
  trustedUrl: (url: string) => boolean,
): () => void {
  ipcMain.handle(
    IPC_CHANNEL,
    (event: IpcMainInvokeEvent, method: unknown, input: unknown): Result<unknown> | Promise<Result<unknown>> => {
      if (!isTrustedFrame(event.senderFrame, trustedUrl)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'IPC from an untrusted frame was refused' } };
      }
      return target.serve(method, input, event.sender.id);
    },
  );
  const onGrant = (event: IpcMainEvent, p: unknown) => {
    if (!isTrustedFrame(event.senderFrame, trustedUrl)) return;
    if (typeof p === 'string' && p !== '') target.grantPath?.(p);
  };
  ipcMain.on?.(GRANT_PATH_CHANNEL, onGrant);
  return () => {
    ipcMain.removeHandler(IPC_CHANNEL);
    ipcMain.removeListener?.(GRANT_PATH_CHANNEL, onGrant);
  };
}
