// The Electron edge without the Electron binary: main/ipc.ts driven through a fake ipcMain
// (a Map of handlers) into a real Workspace; the trusted-URL rule; and the BUILT preload
// (out/preload/index.cjs) evaluated in a vm with a fake `electron` module, so the bridge
// shipped to the sandboxed renderer is contract-tested too.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PathGrants } from '../../src/main/backend/jobs/grants';
import { sourceJobsHost, type JobsHost } from '../../src/main/backend/jobs/handlers';
import { Workspace } from '../../src/main/backend/workspace';
import { registerIpc } from '../../src/main/ipc';
import { APP_ORIGIN } from '../../src/main/security/app-protocol';
import { makeTrustedUrl, rendererUrl, type WindowPaths } from '../../src/main/urls';
import { EVENT_CHANNEL, IPC_CHANNEL, METHODS } from '../../src/shared/contract';
import { GRANT_PATH_CHANNEL, type JobState } from '../../src/shared/jobs';
import { LOCAL_API_MEMBERS } from '../e2e/host/local-api';
import type { Result } from '../../src/shared/result';
import { RESOURCES, tempDir } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../..');

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

type SendListener = (event: IpcMainEvent, ...args: unknown[]) => void;

/** ipcMain as far as registerIpc uses it. */
class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  readonly listeners = new Map<string, Set<SendListener>>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: SendListener): this {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
    return this;
  }
  removeListener(channel: string, listener: SendListener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  /** What Electron does on ipcRenderer.send from a frame. */
  send(frame: { url: string; parent: object | null } | null, channel: string, ...args: unknown[]): void {
    const event = { senderFrame: frame, sender: { id: 1 } } as unknown as IpcMainEvent;
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
  /** What Electron does on ipcRenderer.invoke from a frame. */
  invoke(frame: { url: string; parent: object | null } | null, method: unknown, input?: unknown): Result<unknown> {
    const handler = this.handlers.get(IPC_CHANNEL);
    if (!handler) throw new Error('no handler registered');
    const event = { senderFrame: frame, sender: { id: 1 } } as unknown as IpcMainInvokeEvent;
    return handler(event, method, input) as Result<unknown>;
  }
}

function setup(jobs?: JobsHost) {
  const dir = tempDir();
  const paths: WindowPaths = {
    preload: path.join(dir, 'preload.cjs'),
    rendererDir: path.join(dir, 'app dir', 'out', 'renderer'),
  };
  const workspace = new Workspace({ userDir: path.join(dir, 'user'), resourcesDir: RESOURCES, jobs });
  const project = workspace.open(path.join(dir, 'p.spanwise'), { demo: true });
  project.setAnnotator('ana');
  const ipcMain = new FakeIpcMain();
  const unregister = registerIpc(ipcMain, workspace, makeTrustedUrl(paths));
  const top = { url: rendererUrl(paths), parent: null };
  return { workspace, project, ipcMain, unregister, top, paths };
}

describe('registerIpc', () => {
  it('forwards calls from our top-level page to the backend, errors as data', () => {
    const { ipcMain, top, project } = setup();
    expect([...ipcMain.handlers.keys()]).toEqual([IPC_CHANNEL]);

    const session = ipcMain.invoke(top, 'getSession', {});
    expect(session).toMatchObject({ ok: true, value: { projectPath: project.file, annotator: { name: 'ana' } } });

    const articles = ipcMain.invoke(top, 'listArticles', undefined);
    expect(articles).toMatchObject({ ok: true, value: { total: 5 } });

    const bad = ipcMain.invoke(top, 'createSpan', { articleId: 1, labelId: 1, start: 9, end: 2 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (!bad.ok) expect(bad.error.message).toMatch(/^createSpan: end: /);
    expect(ipcMain.invoke(top, 'dropTables', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(ipcMain.invoke(top, 'createSpan', { articleId: 1, labelId: 1, start: 0, end: 3, sql: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
  });

  it('refuses a window that has not loaded a project opened since (its queued edit is not written there)', () => {
    const { ipcMain, top, workspace } = setup();
    expect(ipcMain.invoke(top, 'getSession', {})).toMatchObject({ ok: true });
    const other = workspace.open(path.join(tempDir(), 'other.spanwise'), { demo: true });
    other.setAnnotator('bob');
    const stale = ipcMain.invoke(top, 'createSpan', { articleId: 1, labelId: 1, start: 0, end: 5 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(other.db.prepare('SELECT count(*) AS n FROM spans').get()).toEqual({ n: 0 });
    // A refresh (reading the session) is not loading the project: refused too, acknowledging nothing.
    expect(ipcMain.invoke(top, 'getSession', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(ipcMain.invoke(top, 'createSpan', { articleId: 1, labelId: 1, start: 0, end: 5 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(ipcMain.invoke(top, 'loadProject', {})).toMatchObject({ ok: true, value: { projectPath: other.file } });
    expect(ipcMain.invoke(top, 'createSpan', { articleId: 1, labelId: 1, start: 0, end: 5 })).toMatchObject({
      ok: true,
    });
  });

  it('writes through to the project file', () => {
    const { ipcMain, top, project } = setup();
    const created = ipcMain.invoke(top, 'createSpan', { articleId: 1, labelId: 2, start: 0, end: 4 });
    expect(created).toMatchObject({ ok: true, value: { articleId: 1, labelId: 2, start: 0, end: 4 } });
    const row = project.db.prepare('SELECT count(*) AS n FROM spans WHERE article_id = 1').get() as { n: number };
    expect(row.n).toBe(1);
  });

  it('refuses child frames, other pages and missing frames with FORBIDDEN, before touching the backend', () => {
    const { ipcMain, top, paths, project } = setup();
    const span = { articleId: 1, labelId: 1, start: 0, end: 4 };
    const otherHtml = `${APP_ORIGIN}/other.html`;
    const untrusted = [
      { url: top.url, parent: { url: top.url } }, // our page, but inside an iframe
      { url: 'https://evil.example/index.html', parent: null },
      { url: otherHtml, parent: null },
      { url: 'file:///etc/index.html', parent: null },
      { url: pathToFileURL(path.join(paths.rendererDir, 'index.html')).href, parent: null }, // the same file, not served by us
      { url: 'about:blank', parent: null },
      { url: 'not a url', parent: null },
      null, // frame already gone
    ];
    for (const frame of untrusted) {
      const result = ipcMain.invoke(frame, 'createSpan', span);
      expect(result, JSON.stringify(frame)).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'IPC from an untrusted frame was refused' },
      });
    }
    const row = project.db.prepare('SELECT count(*) AS n FROM spans').get() as { n: number };
    expect(row.n).toBe(0);
    expect(ipcMain.invoke(top, 'createSpan', span)).toMatchObject({ ok: true });
  });

  it('unregisters its handler and its grant listener', () => {
    const { ipcMain, unregister } = setup();
    expect(ipcMain.listeners.get(GRANT_PATH_CHANNEL)?.size).toBe(1);
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
    expect(ipcMain.listeners.get(GRANT_PATH_CHANNEL)?.size).toBe(0);
  });
});

describe('path grants over IPC (Electron: the renderer imports only what the user chose or dropped)', () => {
  let host: JobsHost;
  afterEach(async () => {
    await host.runner.shutdown();
  });

  it('a path granted by our top-level page (the preload, on a drop) can be imported; others cannot', async () => {
    host = { ...sourceJobsHost(), trustCallerPaths: false, importGrants: new PathGrants() };
    const { ipcMain, top } = setup(host);
    const dir = tempDir();
    const dropped = path.join(dir, 'dropped.txt');
    fs.writeFileSync(dropped, 'A dropped article.');
    const start = () => ipcMain.invoke(top, 'startImport', { paths: [dropped] });

    expect(start()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Grants from anything but our top-level page are ignored.
    const otherHtml = `${APP_ORIGIN}/other.html`;
    for (const frame of [{ url: top.url, parent: { url: top.url } }, { url: otherHtml, parent: null }, null]) {
      ipcMain.send(frame, GRANT_PATH_CHANNEL, dropped);
    }
    ipcMain.send(top, GRANT_PATH_CHANNEL, { path: dropped }); // not a string
    const refused = start();
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!refused.ok) expect(refused.error.message).toContain(dropped);

    ipcMain.send(top, GRANT_PATH_CHANNEL, dropped);
    const started = start();
    expect(started, JSON.stringify(started)).toMatchObject({ ok: true, value: { kind: 'import' } });
    const job = await host.runner.wait((started as { value: JobState }).value.id);
    expect(job.phase).toBe('done');
    expect(job.importSummary?.articlesAdded).toBe(1);
  });
});

describe('makeTrustedUrl', () => {
  it('trusts exactly the renderer page on app:// (query and hash allowed), not the file it is served from', () => {
    const dir = path.join(tempDir(), 'My App', 'out', 'renderer');
    const trusted = makeTrustedUrl({});
    expect(rendererUrl({})).toBe('app://spanwise/index.html');
    expect(trusted('app://spanwise/index.html')).toBe(true);
    expect(trusted('app://spanwise/index.html?article=3#span')).toBe(true);
    expect(trusted('app://spanwise/other.html')).toBe(false);
    expect(trusted('app://spanwise/assets/index.html')).toBe(false);
    expect(trusted('app://other/index.html')).toBe(false);
    expect(trusted('https://spanwise/index.html')).toBe(false);
    expect(trusted(pathToFileURL(path.join(dir, 'index.html')).href)).toBe(false);
    expect(trusted('')).toBe(false);
    expect(trusted('::')).toBe(false);
  });

  it('trusts the dev server origin and path when one is given', () => {
    const paths = { preload: '', rendererDir: '/x', devServerUrl: 'http://localhost:5173/' };
    expect(rendererUrl(paths)).toBe('http://localhost:5173/');
    const trusted = makeTrustedUrl(paths);
    expect(trusted('http://localhost:5173/')).toBe(true);
    expect(trusted('http://localhost:5174/')).toBe(false);
    expect(trusted('https://localhost:5173/')).toBe(false);
    expect(trusted('http://localhost:5173/evil.html')).toBe(false);
    expect(trusted(pathToFileURL('/x/index.html').href)).toBe(false);
    expect(trusted('app://spanwise/index.html')).toBe(false);
  });
});

describe('built preload (out/preload/index.cjs)', () => {
  const preloadFile = path.join(ROOT, 'out', 'preload', 'index.cjs');

  beforeAll(() => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-built.js')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  }, 120_000);

  /** Runs the preload as Electron's sandboxed renderer would, with a recording fake `electron`. */
  function loadPreload() {
    const exposed: { key: string; value: unknown }[] = [];
    const invoked: unknown[][] = [];
    const sent: unknown[][] = [];
    const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
    const paths = new Map<object, string>();
    const electron = {
      webUtils: {
        getPathForFile: (file: object) => {
          const found = paths.get(file);
          if (found === undefined) throw new Error('not a File from the file system');
          return found;
        },
      },
      contextBridge: {
        exposeInMainWorld: (key: string, value: unknown) => exposed.push({ key, value }),
      },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, value: 'reply' });
        },
        send: (...args: unknown[]) => {
          sent.push(args);
        },
        on: (channel: string, fn: (...args: unknown[]) => void) => {
          const set = listeners.get(channel) ?? new Set();
          set.add(fn);
          listeners.set(channel, set);
        },
        removeListener: (channel: string, fn: (...args: unknown[]) => void) => listeners.get(channel)?.delete(fn),
      },
    };
    const required: string[] = [];
    // A sandboxed preload's require knows only a few built-ins; ours may need nothing but electron.
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    const code = fs.readFileSync(preloadFile, 'utf8');
    const module = { exports: {} };
    const context = vm.createContext({ console });
    const wrapper = vm.runInContext(`(function (require, module, exports) {${code}\n})`, context, {
      filename: preloadFile,
    }) as (req: typeof sandboxRequire, mod: typeof module, exp: object) => void;
    wrapper(sandboxRequire, module, module.exports);
    return { exposed, invoked, sent, listeners, required, paths };
  }

  it('exposes one frozen api object with exactly the contract methods and the local members', () => {
    const { exposed, required } = loadPreload();
    expect(required).toEqual(['electron']);
    expect(exposed.map((e) => e.key)).toEqual(['api']);
    const api = exposed[0]!.value as Record<string, unknown>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...METHODS, ...LOCAL_API_MEMBERS].sort());
    for (const [key, value] of Object.entries(api)) {
      expect(typeof value).toBe(key === 'host' ? 'string' : 'function');
    }
    expect(api['host']).toBe('electron');
  });

  it('forwards each call as invoke(channel, method, input), with {} for no input', async () => {
    const { exposed, invoked } = loadPreload();
    const api = exposed[0]!.value as Record<string, (input?: unknown) => Promise<unknown>>;
    const input = { articleId: 1, labelId: 2, start: 0, end: 4 };
    await expect(api['createSpan']!(input)).resolves.toEqual({ ok: true, value: 'reply' });
    await api['getSession']!();
    expect(invoked).toEqual([
      [IPC_CHANNEL, 'createSpan', input],
      [IPC_CHANNEL, 'getSession', {}],
    ]);
    for (const method of METHODS) await api[method]!({ probe: method });
    expect(invoked.slice(2).map((args) => args[1])).toEqual(METHODS);
  });

  it('onEvent passes only the event (never the IPC event object) and unsubscribes', () => {
    const { exposed, listeners } = loadPreload();
    const api = exposed[0]!.value as { onEvent(listener: (event: unknown) => void): () => void };
    const seen: unknown[] = [];
    const off = api.onEvent((event) => seen.push(event));
    const registered = [...(listeners.get(EVENT_CHANNEL) ?? [])];
    expect(registered).toHaveLength(1);
    const ipcEvent = { sender: { send: () => undefined } };
    registered[0]!(ipcEvent, { type: 'menu', command: 'undo' });
    expect(seen).toEqual([{ type: 'menu', command: 'undo' }]);
    off();
    expect(listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });

  it('pathForFile asks webUtils, grants main the path it found, and answers an empty string when it cannot tell', async () => {
    const { exposed, paths, invoked, sent } = loadPreload();
    const api = exposed[0]!.value as { pathForFile(file: object): Promise<string>; host: string };
    expect(api.host).toBe('electron');
    const dropped = {};
    paths.set(dropped, '/home/ana/articles.jsonl');
    expect(await api.pathForFile(dropped)).toBe('/home/ana/articles.jsonl');
    expect(sent).toEqual([[GRANT_PATH_CHANNEL, '/home/ana/articles.jsonl']]);
    expect(await api.pathForFile({})).toBe('');
    const memory = {};
    paths.set(memory, ''); // a File made in the page: no path, nothing granted
    expect(await api.pathForFile(memory)).toBe('');
    expect(sent).toHaveLength(1);
    expect(invoked).toEqual([]);
  });
});
