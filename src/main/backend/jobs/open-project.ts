// Opening another project from inside the window (Ctrl+O): the file the user chose in the
// window's own file chooser, read only when granted (as an import's files are), then opened by
// the host as its File → Open would, which tells the window.
import type { Handlers } from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import type { JobsHost } from './handlers';
import { readablePaths } from './paths';

export function openProjectHandler(host: JobsHost | undefined): Pick<Handlers, 'openProject'> {
  return {
    openProject: ({ path }) => {
      if (!host?.switchProject) throw new AppError('FORBIDDEN', 'this host does not open projects from the window');
      const [file] = readablePaths(host, [path]);
      host.switchProject(file!);
      return { projectPath: file! };
    },
  };
}
