import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Result } from '../../shared/result';
import { AppError } from '../../shared/result';
import { APP_BUSY_TIMEOUT_MS } from './db/busy';
import { dispatch } from './dispatch';
import type { JobsHost } from './jobs/handlers';
import { Project } from './project';

const Config = z.object({
  lastProject: z.string().nullable().default(null),
  recent: z.array(z.string()).default([]),
});
type Config = z.infer<typeof Config>;

const RECENT_MAX = 10;
export const DEFAULT_PROJECT_NAME = 'Spanwise demo.spanwise';

export interface WorkspaceOptions {
  /** Per-user folder: the default project and config.json live here (Electron: userData). */
  userDir: string;
  resourcesDir: string;
  /** The host's job runner, dialogs and grants, given to every project it opens. */
  jobs?: JobsHost | undefined;
}

/**
 * What a host (Electron main or the e2e test host) holds: the open project, the recent list
 * and the last-opened file, kept in `<userDir>/config.json`. No electron import: the hosts
 * supply paths and dialogs.
 */
export class Workspace {
  private current: Project | null = null;
  /** Bumped by every open; and the generation each window last loaded (see dispatch). */
  private generation = 0;
  private readonly seenBy = new Map<number, number>();
  private config: Config;

  constructor(private readonly options: WorkspaceOptions) {
    this.config = this.readConfig();
  }

  get project(): Project | null {
    return this.current;
  }

  get recent(): readonly string[] {
    return this.config.recent;
  }

  /** On launch: the last project if it still exists, else the default project with the demo set. */
  openInitial(): Project {
    const last = this.config.lastProject;
    if (last && fs.existsSync(last)) {
      try {
        return this.open(last);
      } catch {
        // Unreadable last project: fall back to the default rather than failing to start.
      }
    }
    return this.open(path.join(this.options.userDir, DEFAULT_PROJECT_NAME), { demo: true });
  }

  /** Opens (or creates) a project file and makes it current. The previous one is closed. */
  open(file: string, opts: { demo?: boolean } = {}): Project {
    const project = Project.open(file, {
      resourcesDir: this.options.resourcesDir,
      demo: opts.demo ?? false,
      jobs: this.options.jobs,
    });
    // The app's writes run on Electron's main thread: while an import (or the CLI) holds the
    // write lock they wait at most this long, then answer BUSY instead of freezing the window.
    project.db.pragma(`busy_timeout = ${APP_BUSY_TIMEOUT_MS}`);
    this.current?.close();
    this.current = project;
    this.generation++;
    this.remember(project.file);
    return project;
  }

  /** Creates a new empty project (default labels and guidelines); refuses to overwrite a file. */
  create(file: string): Project {
    if (fs.existsSync(file) && fs.statSync(file).size > 0) {
      throw new AppError('CONFLICT', `${file} already exists: open it instead, or choose a new name`);
    }
    return this.open(file);
  }

  /**
   * `sender` (a window) must have seen the project that is open now: after a switch, a window
   * is refused until it calls loadProject, which it does when it loads the new project. So an
   * edit queued in the window before the switch can never land in the other project.
   */
  dispatch(method: unknown, input: unknown, sender?: number): Result<unknown> {
    if (sender !== undefined) {
      const seen = this.seenBy.get(sender) ?? this.generation;
      if (method === 'loadProject') this.seenBy.set(sender, this.generation);
      else if (seen !== this.generation) {
        return {
          ok: false,
          error: {
            code: 'CONFLICT',
            message: 'another project was opened: this change was meant for the previous project and was not saved',
          },
        };
      } else this.seenBy.set(sender, seen);
    }
    return dispatch(this.current?.handlers ?? null, method, input);
  }

  /** The user dropped this file or folder on the window: the renderer may import it. */
  grantPath(p: string): void {
    this.options.jobs?.importGrants?.grant(p);
  }

  close(): void {
    this.current?.close();
    this.current = null;
  }

  private remember(file: string): void {
    this.config.lastProject = file;
    this.config.recent = [file, ...this.config.recent.filter((f) => f !== file)].slice(0, RECENT_MAX);
    fs.mkdirSync(this.options.userDir, { recursive: true });
    fs.writeFileSync(this.configPath(), JSON.stringify(this.config, null, 2));
  }

  private configPath(): string {
    return path.join(this.options.userDir, 'config.json');
  }

  private readConfig(): Config {
    try {
      return Config.parse(JSON.parse(fs.readFileSync(this.configPath(), 'utf8')));
    } catch {
      return Config.parse({});
    }
  }
}
