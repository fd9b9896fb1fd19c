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
import { METHODS, type AppEvent } from '../../src/shared/contract';
import { sourceJobsHost } from '../../src/main/backend/jobs/handlers';

export const RESOURCES = path.resolve(import.meta.dirname, '../../resources');

type StoreModule = typeof import('../../src/renderer/src/store');

export interface StoreHarness {
  store: StoreModule['useStore'];
  workspace: Workspace;
  projectFile: string;
  /** Every queued write has landed and the promise chains after them have run. */
  settle(): Promise<void>;
}

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
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
  // Jobs run as in the app: worker threads, their events delivered to the window's listeners.
  const listeners = new Set<(event: AppEvent) => void>();
  const jobs = sourceJobsHost((event) => {
    const copy = JSON.parse(JSON.stringify(event)) as AppEvent;
    for (const l of listeners) l(copy);
  });
  const workspace = new Workspace({ userDir: path.join(dir, 'user'), resourcesDir: RESOURCES, jobs });
  const projectFile = path.join(dir, 'store.spanwise');
  const project = workspace.open(projectFile, { demo: opts.demo ?? true });
  project.setAnnotator(opts.annotator ?? 'ana');
  opts.setup?.(project);
  const api: Record<string, unknown> = {
    host: 'chromium',
    onEvent: (listener: (event: AppEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
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
  // What App does with job events: the jobs slice keeps them.
  listeners.add((event) => {
    if (event.type === 'job') useStore.getState().handleJobEvent(event);
  });
  cleanups.push(async () => {
    vi.unstubAllGlobals();
    await jobs.runner.shutdown();
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

/**
 * Holds back the window's answers to `method` (computed when asked, delivered when released), as
 * a reader busy with other work would; `when` picks which calls. Returns the release.
 */
export function holdAnswers(method: string, when: (input: unknown) => boolean = () => true): () => void {
  const api = (globalThis as unknown as { window: { api: Record<string, (input: unknown) => Promise<unknown>> } })
    .window.api;
  const call = api[method]!;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  api[method] = async (input) => {
    const answer = await call(input);
    if (when(input)) await gate;
    return answer;
  };
  return release;
}
