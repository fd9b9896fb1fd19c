/// <reference types="electron-vite/node" />
// Electron glue for import/export jobs: the built worker's path, the native dialogs, events to
// the window, and cancelling running jobs on quit (an import then rolls back). The jobs
// themselves live in backend/jobs (no electron there).
import { app, dialog, type BrowserWindow } from 'electron';
import { pathToFileURL } from 'node:url';
import type { AppEvent } from '../shared/contract';
import { asarUnpacked } from './asar';
import type { WindowEvents } from './window-events';
import { PathGrants } from './backend/jobs/grants';
import type { JobsHost } from './backend/jobs/handlers';
import { JobRunner } from './backend/jobs/runner';
import workerPath from './backend/jobs/worker?modulePath';

let getWin: () => BrowserWindow | null = () => null;
let events: WindowEvents | null = null;
/** What the renderer may import: what main's open dialog returned, and files the user dropped
 * (granted through registerIpc's grant channel, from the preload's pathForFile). */
const grants = new PathGrants();

function emit(event: AppEvent): void {
  events?.send(event);
}

/** The app's job host (runner, dialogs, grants), for the Workspace to give each project it opens. */
export function installJobs(getWindow: () => BrowserWindow | null, windowEvents: WindowEvents): JobsHost {
  getWin = getWindow;
  events = windowEvents;
  const runner = new JobRunner({ workerUrl: pathToFileURL(asarUnpacked(workerPath)), emit });
  const host: JobsHost = {
    runner,
    // The renderer never names output files: main asks the user where to write; it imports only
    // what the user chose in the open dialog or dropped on the window.
    trustCallerPaths: false,
    importGrants: grants,
    pickExportTarget: async ({ name, folder, title }) => {
      const win = getWindow();
      if (folder) {
        const opts = {
          title: title ?? 'Choose a folder for the exported files',
          properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
        };
        const res = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
        return res.canceled ? null : (res.filePaths[0] ?? null);
      }
      const opts = { title: title ?? 'Export', defaultPath: name };
      const res = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      return res.canceled ? null : (res.filePath ?? null);
    },
    // Opening an assignment pack: where the annotator's project goes, offered with the default.
    pickProjectFile: async (suggestion) => {
      const win = getWindow();
      const opts = {
        title: 'Save your project for this work pack',
        defaultPath: suggestion,
        filters: [{ name: 'Spanwise project', extensions: ['spanwise'] }],
      };
      const res = win ? await dialog.showSaveDialog(win, opts) : await dialog.showSaveDialog(opts);
      return res.canceled ? null : (res.filePath ?? null);
    },
  };
  app.on('before-quit', () => void runner.shutdown());
  return host;
}

/** File → Import Files…/Import Folder…: pick, then the renderer asks for the options. */
export async function requestImport(folder: boolean): Promise<void> {
  const win = getWin();
  const opts = {
    title: folder ? 'Import a folder of articles' : 'Import articles',
    properties: (folder ? ['openDirectory'] : ['openFile', 'multiSelections']) as Array<
      'openDirectory' | 'openFile' | 'multiSelections'
    >,
    filters: folder
      ? []
      : [
          { name: 'Articles and annotations', extensions: ['txt', 'text', 'json', 'jsonl', 'ndjson'] },
          { name: 'All files', extensions: ['*'] },
        ],
  };
  const res = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  if (res.canceled || res.filePaths.length === 0) return;
  for (const p of res.filePaths) grants.grant(p);
  emit({ type: 'importRequest', paths: res.filePaths });
}

/**
 * File → Open Work Pack… (one assignment pack) and Import Work… (work packs): pick, grant, and
 * the renderer hands them to openPacks, which opens or merges each by its header.
 */
export async function requestPacks(kind: 'assignment' | 'work'): Promise<void> {
  const win = getWin();
  const properties: Array<'openFile' | 'multiSelections'> =
    kind === 'assignment' ? ['openFile'] : ['openFile', 'multiSelections'];
  const opts = {
    title: kind === 'assignment' ? 'Open a work pack from your reviewer' : 'Import work packs from annotators',
    properties,
    filters: [
      { name: 'Spanwise packs', extensions: ['swpack'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const res = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  if (res.canceled || res.filePaths.length === 0) return;
  for (const p of res.filePaths) grants.grant(p);
  emit({ type: 'packsRequest', paths: res.filePaths });
}

/** File → Inbox Folder…: pick a folder; the renderer shows it to confirm (setInbox). */
export async function requestInbox(): Promise<void> {
  const win = getWin();
  const opts = {
    title: 'Choose the inbox folder (where annotators’ work packs arrive)',
    properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
  };
  const res = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  const folder = res.filePaths[0];
  if (res.canceled || !folder) return;
  emit({ type: 'inboxRequest', folder });
}

/** File → Export…: the renderer shows the export options, then calls startExport. */
export function requestExport(): void {
  emit({ type: 'exportRequest' });
}
