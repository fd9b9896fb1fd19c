// Progress on stderr: a line redrawn in place on a terminal, a line every few seconds
// otherwise; silent for jobs that finish within a second.
import type { JobProgress } from '../shared/jobs';

let quiet = false;

/** --quiet, which every command takes (args.ts): no progress on stderr for the rest of the run. */
export function quietProgress(on: boolean): void {
  quiet = on;
}

export function stderrProgress(): { update(p: JobProgress): void; done(): void } {
  const enabled = !quiet;
  const started = Date.now();
  const tty = Boolean(process.stderr.isTTY);
  // SPANWISE_PROGRESS=always: every update, at once (tests, and logs of short jobs).
  const always = process.env['SPANWISE_PROGRESS'] === 'always';
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      if (!enabled) return;
      const now = Date.now();
      if (!always && (now - started < 1000 || now - last < (tty ? 100 : 5000))) return;
      last = now;
      const pct = p.total > 0 ? Math.min(100, (100 * p.done) / p.total) : 0;
      const line = `${pct.toFixed(0).padStart(3)}% ${p.message}`;
      if (tty) {
        process.stderr.write(
          `\r${line.slice(0, (process.stderr.columns || 80) - 1).padEnd(Math.min(79, (process.stderr.columns || 80) - 1))}`,
        );
        drawn = true;
      } else process.stderr.write(`${line}\n`);
    },
    done() {
      if (drawn) process.stderr.write('\r\x1b[K');
    },
  };
}
