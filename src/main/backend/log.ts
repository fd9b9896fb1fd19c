// The app's log: start-up, projects opened and migrated, jobs started, finished and failed, and
// every INTERNAL error with its stack. One process-wide log (a log is the one piece of state every
// layer may write to); it writes nowhere until a host points it at a sink: the app at a file in
// the user folder (rotated, bounded), the CLI at stderr with --verbose.
import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogSink = (line: string) => void;

/** Appends lines to `file`; past `maxBytes` it becomes file.1 (file.1 → file.2 …, `keep` in all). */
export function fileSink(file: string, maxBytes = 1024 * 1024, keep = 3): LogSink {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  const rotate = () => {
    for (let i = keep - 1; i >= 1; i--) {
      const from = i === 1 ? file : `${file}.${i - 1}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${file}.${i}`);
    }
    size = 0;
  };
  return (line) => {
    if (size + line.length > maxBytes && size > 0) rotate();
    fs.appendFileSync(file, line);
    size += Buffer.byteLength(line);
  };
}

export const stderrSink: LogSink = (line) => void process.stderr.write(line);

class Log {
  private sink: LogSink | null = null;

  to(sink: LogSink | null): void {
    this.sink = sink;
  }

  write(level: LogLevel, message: string, detail?: unknown): void {
    if (!this.sink) return;
    const extra =
      detail instanceof Error
        ? `\n${detail.stack ?? detail.message}`
        : detail === undefined
          ? ''
          : ` ${JSON.stringify(detail)}`;
    try {
      this.sink(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${extra}\n`);
    } catch {
      // A log that cannot be written (disk full) must not take the app down with it.
    }
  }

  info(message: string, detail?: unknown): void {
    this.write('info', message, detail);
  }
  warn(message: string, detail?: unknown): void {
    this.write('warn', message, detail);
  }
  error(message: string, detail?: unknown): void {
    this.write('error', message, detail);
  }
}

export const log = new Log();

/** The app's log file in a user folder. */
export function logFile(userDir: string): string {
  return path.join(userDir, 'logs', 'spanwise.log');
}
