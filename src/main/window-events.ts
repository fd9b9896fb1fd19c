// Events from main to the window (menu commands, project switches, job progress): held until the
// page has loaded (a job may report before the window exists), dropped once the window is gone
// (a job's last report may arrive after it closed). Types only from electron: unit-tested.
import type { BrowserWindow } from 'electron';
import { EVENT_CHANNEL, type AppEvent } from '../shared/contract';

/** As much of a BrowserWindow as sending needs. */
export type EventWindow = Pick<BrowserWindow, 'isDestroyed' | 'once'> & {
  webContents: Pick<BrowserWindow['webContents'], 'send' | 'on'>;
};

export class WindowEvents {
  private win: EventWindow | null = null;
  private loaded = false;
  private held: AppEvent[] = [];

  /** The window to send to; events wait until its page has finished loading. */
  attach(win: EventWindow): void {
    this.win = win;
    this.loaded = false;
    win.webContents.on('did-finish-load', () => {
      this.loaded = true;
      const held = this.held.splice(0);
      for (const event of held) this.send(event);
    });
    win.once('closed', () => {
      this.win = null;
      this.held = [];
    });
  }

  send(event: AppEvent): void {
    const win = this.win;
    if (!win) {
      this.held.push(event); // no window yet: it is being created
      return;
    }
    if (win.isDestroyed()) return;
    if (!this.loaded) this.held.push(event);
    else win.webContents.send(EVENT_CHANNEL, event);
  }
}
