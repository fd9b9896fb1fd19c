// Watches an inbox folder while the app has its project open, and hands new packs to a merge.
// fs.watch says soon that something changed (it is not reliable on every file system or for
// every sync tool), a slow poll catches what it misses. A file is handed over once it has been
// seen twice with the same size and time (a sync tool still writing it changes between looks),
// and again only when it changes: a pack refused because it was cut short is retried when the
// rest arrives. Which packs were merged before is the merge's business (by checksum).
import fs from 'node:fs';
import { log } from '../log';
import { inboxFiles } from './inbox';

export interface InboxWatcherOptions {
  folder: string;
  /** Merges these packs; the watcher waits for it to end before handing over more. */
  merge(files: string[]): Promise<unknown>;
  /** How often the folder is read even when fs.watch says nothing. */
  pollMs?: number;
  /** How long a file must keep its size and time before it is handed over. */
  settleMs?: number;
}

function signature(file: string): string | null {
  try {
    const st = fs.statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return null;
  }
}

export class InboxWatcher {
  readonly folder: string;
  private readonly pollMs: number;
  private readonly settleMs: number;
  /** What each file looked like at the last look. */
  private readonly looked = new Map<string, string>();
  /** What each file looked like when it was handed to a merge. */
  private readonly handed = new Map<string, string>();
  private watcher: fs.FSWatcher | null = null;
  private poll: ReturnType<typeof setInterval> | null = null;
  private pending: ReturnType<typeof setTimeout> | null = null;
  private merging: Promise<unknown> | null = null;
  private stopped = false;

  constructor(private readonly options: InboxWatcherOptions) {
    this.folder = options.folder;
    this.pollMs = options.pollMs ?? 10_000;
    this.settleMs = options.settleMs ?? 1_000;
  }

  start(): this {
    try {
      this.watcher = fs.watch(this.folder, () => this.soon());
      this.watcher.on('error', () => {
        // The folder went away or cannot be watched: the poll carries on.
        this.watcher?.close();
        this.watcher = null;
      });
    } catch (err) {
      log.warn(`inbox ${this.folder}: not watched, polled only`, err);
    }
    this.poll = setInterval(() => this.scan(), this.pollMs);
    this.poll.unref?.();
    this.scan();
    return this;
  }

  /** Stops watching; resolves when a merge it started has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.watcher?.close();
    this.watcher = null;
    if (this.poll) clearInterval(this.poll);
    if (this.pending) clearTimeout(this.pending);
    await this.merging?.catch(() => undefined);
  }

  /** Reads the folder after the settle time (a burst of events makes one look). */
  private soon(): void {
    if (this.stopped || this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.scan();
    }, this.settleMs);
    this.pending.unref?.();
  }

  private scan(): void {
    if (this.stopped || this.merging) return;
    let files: string[];
    try {
      files = inboxFiles(this.folder);
    } catch {
      return; // the folder is missing for now (an unmounted drive): look again later
    }
    const ready: string[] = [];
    let changing = false;
    const present = new Set(files);
    for (const file of [...this.looked.keys()]) if (!present.has(file)) this.looked.delete(file);
    for (const file of files) {
      const sig = signature(file);
      if (sig === null) continue;
      const before = this.looked.get(file);
      this.looked.set(file, sig);
      if (this.handed.get(file) === sig) continue;
      if (before === sig) ready.push(file);
      else changing = true;
    }
    if (changing) this.soon();
    if (ready.length === 0) return;
    for (const file of ready) this.handed.set(file, this.looked.get(file)!);
    this.merging = Promise.resolve()
      .then(() => this.options.merge(ready))
      .catch((err: unknown) => log.warn(`inbox ${this.folder}: merge not started`, err))
      .finally(() => {
        this.merging = null;
        this.soon();
      });
  }
}
