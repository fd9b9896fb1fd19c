// Main's events to the window: held until the page has loaded, then sent in order; dropped once
// the window is destroyed or closed (a job's last report may arrive after it).
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { EVENT_CHANNEL, type AppEvent } from '../../src/shared/contract';
import { WindowEvents, type EventWindow } from '../../src/main/window-events';

class FakeWindow extends EventEmitter {
  destroyed = false;
  sent: unknown[][] = [];
  readonly webContents = Object.assign(new EventEmitter(), {
    send: (...args: unknown[]) => void this.sent.push(args),
  });
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

const menu = (command: 'undo' | 'redo'): AppEvent => ({ type: 'menu', command });

describe('WindowEvents', () => {
  it('holds events until the page has loaded, then delivers them in order', () => {
    const events = new WindowEvents();
    events.send(menu('undo')); // before the window exists
    const win = new FakeWindow();
    events.attach(win as unknown as EventWindow);
    events.send(menu('redo'));
    expect(win.sent).toEqual([]);
    win.webContents.emit('did-finish-load');
    expect(win.sent).toEqual([
      [EVENT_CHANNEL, menu('undo')],
      [EVENT_CHANNEL, menu('redo')],
    ]);
    events.send({ type: 'projectChanged' });
    expect(win.sent.at(-1)).toEqual([EVENT_CHANNEL, { type: 'projectChanged' }]);
  });

  it('drops events for a destroyed or closed window', () => {
    const events = new WindowEvents();
    const win = new FakeWindow();
    events.attach(win as unknown as EventWindow);
    win.webContents.emit('did-finish-load');
    win.destroyed = true;
    events.send(menu('undo'));
    expect(win.sent).toEqual([]);
    win.destroyed = false;
    win.emit('closed');
    events.send(menu('undo')); // held for the next window, never sent to this one
    expect(win.sent).toEqual([]);
  });
});
