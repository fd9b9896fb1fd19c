/// <reference lib="dom" />
// Runs inside the page, before any of its scripts (serialised with toString: no imports, no
// outside names): window.api as the Electron preload exposes it (src/preload/index.ts), each
// call forwarded to the __spanwiseInvoke binding.
export function installApi(methods: readonly string[], host: string): void {
  if (window !== window.top) return; // the preload runs in the main frame only
  const g = window as unknown as Record<string, unknown>;
  const invoke = (method: string, input: unknown): Promise<unknown> => {
    const binding = g['__spanwiseInvoke'] as (method: string, input: string) => Promise<string>;
    // JSON text both ways: Playwright's per-value serialisation is slow for large results
    // (an article's 5,000 spans), and JSON is what structured clone gives IPC anyway.
    return binding(method, JSON.stringify(input)).then((text) => JSON.parse(text) as unknown);
  };
  const listeners = new Set<(event: unknown) => void>();
  const api: Record<string, unknown> = { host };
  for (const method of methods) api[method] = (input?: unknown) => invoke(method, input ?? {});
  api['onEvent'] = (listener: (event: unknown) => void) => {
    const wrapped = (event: unknown) => listener(event);
    listeners.add(wrapped);
    return () => {
      listeners.delete(wrapped);
    };
  };
  // A dropped or chosen File's path: the host reads it with the DevTools protocol (what
  // Electron's webUtils does), which needs the File object itself, so it is parked here.
  const files: File[] = [];
  Object.defineProperty(window, '__spanwiseFiles', { value: files });
  api['pathForFile'] = (file: File): Promise<string> => {
    if (!(file instanceof File)) return Promise.resolve('');
    files.push(file);
    const binding = g['__spanwisePathForFile'] as (index: number) => Promise<string>;
    return binding(files.length - 1).finally(() => {
      files[files.indexOf(file)] = undefined as unknown as File;
    });
  };
  // contextBridge deep-freezes what it exposes and makes the global read-only.
  Object.defineProperty(window, 'api', { value: Object.freeze(api), enumerable: true });
  // What main's webContents.send(EVENT_CHANNEL, event) does, for the host to call.
  Object.defineProperty(window, '__spanwiseEmit', {
    value: (event: unknown) => {
      for (const listener of [...listeners]) listener(structuredClone(event));
    },
  });
}
