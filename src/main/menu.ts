// Native menus. Commands whose logic lives in the renderer (undo, mark done…) are sent to it
// as events; their accelerators are shown but not registered, so the renderer's own key
// handling stays the single source (no double undo).
import { BrowserWindow, Menu, dialog, type MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import type { MenuCommand } from '../shared/contract';
import { acceleratorFor } from '../shared/keymap';
import type { Workspace } from './backend/workspace';
import { requestExport, requestImport, requestInbox, requestPacks } from './jobs';
import type { WindowEvents } from './window-events';

const PROJECT_FILTERS = [{ name: 'Spanwise project', extensions: ['spanwise', 'sqlite', 'db'] }];

export interface MenuContext {
  workspace: Workspace;
  events: WindowEvents;
  getWindow: () => BrowserWindow | null;
  isDev: boolean;
  /** Help → Show Log: opens the log file in the system's viewer. */
  showLog: () => void;
}

export function buildMenu(ctx: MenuContext): void {
  const { workspace, events, getWindow, isDev } = ctx;
  /** A menu item that sends its command to the renderer, showing the keymap's chord for it. */
  const command = (label: string, cmd: MenuCommand): MenuItemConstructorOptions => {
    const accelerator = acceleratorFor(cmd);
    return {
      label,
      ...(accelerator ? { accelerator, registerAccelerator: false } : {}),
      click: () => events.send({ type: 'menu', command: cmd }),
    };
  };
  /**
   * A File item whose work main does itself (a native dialog), showing the keymap's chord:
   * the key is the renderer's (its own file chooser), so the accelerator is not registered.
   */
  const fileItem = (label: string, cmd: MenuCommand, click: () => void): MenuItemConstructorOptions => {
    const accelerator = acceleratorFor(cmd);
    return { label, ...(accelerator ? { accelerator, registerAccelerator: false } : {}), click };
  };
  const openFile = (file: string, create: boolean) => {
    try {
      if (create) workspace.create(file);
      // An older project is updated behind the window, which shows how far it has come (and
      // a failure, which its calls then answer).
      else
        void workspace.beginOpen(file).then(
          () => buildMenu(ctx),
          () => undefined,
        );
      events.send({ type: 'projectChanged' });
      buildMenu(ctx);
    } catch (err) {
      dialog.showErrorBox('Could not open the project', err instanceof Error ? err.message : String(err));
    }
  };
  const newProject = async () => {
    const win = getWindow();
    const options = { title: 'New Spanwise project', filters: PROJECT_FILTERS, defaultPath: 'Untitled.spanwise' };
    const res = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (!res.canceled && res.filePath) openFile(res.filePath, true);
  };
  const openProject = async () => {
    const res = await dialog.showOpenDialog({ properties: ['openFile'], filters: PROJECT_FILTERS });
    if (!res.canceled && res.filePaths[0]) openFile(res.filePaths[0], false);
  };
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'New Project…', accelerator: 'CmdOrCtrl+N', click: () => void newProject() },
        fileItem('Open Project…', 'openProject', () => void openProject()),
        {
          label: 'Open Recent',
          submenu: workspace.recent.length
            ? workspace.recent.map((file) => ({
                label: path.basename(file),
                sublabel: file,
                click: () => openFile(file, false),
              }))
            : [{ label: 'No recent projects', enabled: false }],
        },
        { type: 'separator' },
        fileItem('Import Files…', 'importFiles', () => void requestImport(false)),
        { label: 'Import Folder…', click: () => void requestImport(true) },
        fileItem('Export…', 'exportProject', () => requestExport()),
        { type: 'separator' },
        command('Assign Work…', 'assignWork'),
        { label: 'Open Work Pack…', click: () => void requestPacks('assignment') },
        command('Export My Work…', 'exportWork'),
        { label: 'Import Work…', click: () => void requestPacks('work') },
        { label: 'Inbox Folder…', click: () => void requestInbox() },
        { type: 'separator' },
        command('Restore Backup…', 'restoreBackup'),
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        command('Undo', 'undo'),
        command('Redo', 'redo'),
        { type: 'separator' },
        { role: 'copy' },
        { role: 'selectAll' },
        { type: 'separator' },
        command('Find in Article…', 'find'),
        command('Search All Articles…', 'searchAll'),
        command('Labels and Settings…', 'openSettings'),
        command('Work Packs…', 'workPacks'),
      ],
    },
    {
      label: 'Article',
      submenu: [
        command('Mark Done and Next', 'markDone'),
        command('Skip and Next', 'skipArticle'),
        command('Flag…', 'flagArticle'),
        command('Reopen', 'reopenArticle'),
        command('Next Article', 'nextArticle'),
        command('Previous Article', 'prevArticle'),
        { type: 'separator' },
        command('Label Every Occurrence…', 'labelOccurrences'),
        { type: 'separator' },
        command('Toggle Word Snapping', 'toggleSnap'),
        { type: 'separator' },
        command('Next Suggestion', 'nextSuggestion'),
        command('Previous Suggestion', 'prevSuggestion'),
        command('Accept All Suggestions', 'acceptAllSuggestions'),
        command('Dismiss All Suggestions', 'dismissAllSuggestions'),
      ],
    },
    {
      label: 'View',
      submenu: [
        command('Toggle Side Panel', 'toggleSidePanel'),
        command('Copies of This Article', 'showCopies'),
        command('Review Mode', 'toggleReviewMode'),
        command('Agreement…', 'showAgreement'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(isDev ? ([{ role: 'reload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
      ],
    },
    {
      label: 'Help',
      submenu: [
        command('Keyboard Shortcuts', 'showShortcuts'),
        { type: 'separator' },
        { label: 'Show Log', click: ctx.showLog },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
