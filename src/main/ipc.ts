// The IPC edge: one channel, the sender checked, every input parsed by the contract's schema
// (in dispatch). Takes ipcMain as a parameter so unit tests can drive it with a fake.
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { IPC_CHANNEL } from '../shared/contract';
import type { Result } from '../shared/result';

export interface Dispatcher {
  dispatch(method: unknown, input: unknown): Result<unknown>;
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
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  target: Dispatcher,
  trustedUrl: (url: string) => boolean,
): () => void {
  ipcMain.handle(IPC_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown): Result<unknown> => {
    if (!isTrustedFrame(event.senderFrame, trustedUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'IPC from an untrusted frame was refused' } };
    }
    return target.dispatch(method, input);
  });
  return () => ipcMain.removeHandler(IPC_CHANNEL);
}
