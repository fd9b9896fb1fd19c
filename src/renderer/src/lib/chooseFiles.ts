// The window's own file chooser (Ctrl+O, Ctrl+I, the empty state's button): a file input
// clicked from the key or button press, so it works in every host. The host learns the chosen
// files' paths (and grants them) through window.api.pathForFile.

export interface ChooseOptions {
  accept?: string;
  multiple?: boolean;
  testId: string;
}

/** Shows the chooser; resolves to the chosen files (none when it is cancelled). */
export function chooseFiles({ accept, multiple = false, testId }: ChooseOptions): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.hidden = true;
    input.multiple = multiple;
    input.dataset['testid'] = testId;
    if (accept) input.accept = accept;
    const done = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done(Array.from(input.files ?? [])));
    input.addEventListener('cancel', () => done([]));
    // In the document while it is open: a detached input's files cannot be read back by path.
    document.body.append(input);
    input.click();
  });
}

/** Paths of dropped or chosen files and folders (the host tells them; '' when unknown). */
export async function pathsOf(files: readonly File[]): Promise<string[]> {
  const paths = await Promise.all(files.map((f) => window.api.pathForFile(f)));
  return paths.filter((p) => p.length > 0);
}

/** A work pack goes to the packs (opened or merged by its header); anything else is imported. */
export function isPack(p: string): boolean {
  return p.toLowerCase().endsWith('.swpack');
}
