// Writers waiting for a project's write lock, counted where a background job can see them. The
// sentence index build writes in long transactions (a short one per few articles would rewrite
// the same index pages thousands of times more); SQLite queues no waiter, so a write from the
// window, waiting no longer than its short busy timeout, would find the lock taken again each
// time it asked. Instead the waiter counts itself here, and the build, which reads the count
// between articles, ends its transaction early and lets it in.
import path from 'node:path';

const signals = new Map<string, Int32Array>();

/** The count for `file` in this thread, made on first use (handed to a job's worker as its buffer). */
export function lockSignal(file: string): Int32Array {
  const key = path.resolve(file);
  let signal = signals.get(key);
  if (!signal) signals.set(key, (signal = new Int32Array(new SharedArrayBuffer(4))));
  return signal;
}

/** The count for `file` if a job that reads it was started from this thread. */
export function existingLockSignal(file: string): Int32Array | undefined {
  return signals.size === 0 ? undefined : signals.get(path.resolve(file));
}

/** Counts the caller among the waiters until `leave` is called. */
export function enterWaiting(signal: Int32Array): () => void {
  Atomics.add(signal, 0, 1);
  return () => {
    Atomics.sub(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
}

/** Whether a writer waits now. */
export function writerWaiting(signal: Int32Array): boolean {
  return Atomics.load(signal, 0) > 0;
}

/** Waits until no writer waits, `ms` at most. */
export function letWritersIn(signal: Int32Array, ms: number): void {
  const until = performance.now() + ms;
  for (let n = Atomics.load(signal, 0); n > 0; n = Atomics.load(signal, 0)) {
    const left = until - performance.now();
    if (left <= 0) return;
    Atomics.wait(signal, 0, n, left);
  }
}
