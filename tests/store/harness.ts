// The renderer's zustand store, run in Node against a real backend: window.api is built from
// the contract as the preload builds it, and each call goes through the Workspace's dispatch
// (the same edge main's ipc handler calls) to a real project file. Each test gets a fresh store
// module (its save queue is module state) and a fresh project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, vi } from 'vitest';
import type { Project } from '../../src/main/backend/project';
import { Workspace } from '../../src/main/backend/workspace';
import { METHODS } from '../../src/shared/contract';

export const RESOURCES = path.resolve(import.meta.dirname, '../../resources');

type StoreModule = typeof import('../../src/renderer/src/store');

export interface StoreHarness {
  store: StoreModule['useStore'];
  workspace: Workspace;
  projectFile: string;
  /** Every queued write has landed and the promise chains after them have run. */
  settle(): Promise<void>;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

export interface StoreOptions {
  annotator?: string;
  /** Seed the demo articles (default true). */
  demo?: boolean;
  /** Runs on the open project before the store starts (e.g. to add annotators' layers). */
  setup?: (project: Project) => void;
}

export async function storeOnProject(opts: StoreOptions = {}): Promise<StoreHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spanwise-store-'));
  const workspace = new Workspace({ userDir: path.join(dir, 'user'), resourcesDir: RESOURCES });
  const projectFile = path.join(dir, 'store.spanwise');
  const project = workspace.open(projectFile, { demo: opts.demo ?? true });
  project.setAnnotator(opts.annotator ?? 'ana');
  opts.setup?.(project);
  const api: Record<string, unknown> = {
    host: 'chromium',
    onEvent: () => () => undefined,
    pathForFile: () => Promise.resolve(''),
  };
  // JSON both ways, as structured clone over IPC would: the store never shares objects with main.
  for (const method of METHODS) {
    api[method] = (input?: unknown) =>
      Promise.resolve(JSON.parse(JSON.stringify(workspace.dispatch(method, input ?? {}, 1))) as unknown);
  }
  vi.stubGlobal('window', { api });
  vi.resetModules();
  const { useStore } = await import('../../src/renderer/src/store');
  const { writesSettled } = await import('../../src/renderer/src/store/save');
  cleanups.push(() => {
    vi.unstubAllGlobals();
    workspace.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await writesSettled();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { store: useStore, workspace, projectFile, settle };
}
