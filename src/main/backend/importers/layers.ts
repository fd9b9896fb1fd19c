// Which annotator layer each imported span goes to. What the user types wins over what the
// file implies: `--as bob` puts everything into bob (a file that names several annotators is
// refused then, since one name would merge them), `--as 7=bob,12=carol` renames the file's
// annotators one by one, and without --as the file's own names are kept. Every layer's name
// says where it came from, for the summary.
import { AppError } from '../../../shared/result';
import { ImportError } from './errors';
import type { ParsedLayer } from './formats/common';

export type AsOption =
  { kind: 'none' } | { kind: 'name'; name: string } | { kind: 'map'; map: ReadonlyMap<string, string>; text: string };

/** Reads --as: a layer name, or `KEY=NAME` pairs separated by commas. Throws BAD_INPUT. */
export function parseAs(value: string | undefined): AsOption {
  if (value === undefined) return { kind: 'none' };
  const text = value.trim();
  if (!text) throw new AppError('BAD_INPUT', '--as needs a name');
  if (!text.includes('=')) return { kind: 'name', name: text };
  const map = new Map<string, string>();
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? '' : pair.slice(0, eq).trim();
    const name = eq === -1 ? '' : pair.slice(eq + 1).trim();
    if (!key || !name) {
      throw new AppError(
        'BAD_INPUT',
        `--as ${JSON.stringify(text)}: ${JSON.stringify(pair.trim())} is not KEY=NAME (write --as 7=bob,12=carol)`,
      );
    }
    if (map.has(key)) throw new AppError('BAD_INPUT', `--as maps ${JSON.stringify(key)} twice`);
    map.set(key, name);
  }
  return { kind: 'map', map, text };
}

export interface NamedLayer {
  /** The layer the spans go to; null when neither the file nor --as names one. */
  name: string | null;
  /** Where the name came from, for the summary. */
  from: string;
}

interface Seen {
  line: number;
  aliases: readonly string[];
}

export class LayerNamer {
  /** Names the current file gives, with the line each first appears on. */
  private fileNames = new Map<string, Seen>();
  private readonly used = new Set<string>();
  private readonly everyName = new Set<string>();

  constructor(
    readonly as: AsOption,
    /** Where spans go that neither the file nor --as attributes (the app: the current annotator). */
    private readonly defaultLayer?: string,
  ) {}

  startFile(): void {
    this.fileNames = new Map();
  }

  /** The layer one parsed layer goes to, on a record that starts on `line`. */
  name(layer: ParsedLayer, line: number): NamedLayer {
    const fileName = layer.name;
    const by = layer.namedBy ? ` (${layer.namedBy})` : '';
    if (fileName !== null) {
      this.everyName.add(fileName);
      if (!this.fileNames.has(fileName)) this.fileNames.set(fileName, { line, aliases: layer.aliases ?? [] });
    }
    const as = this.as;
    if (as.kind === 'name') {
      return {
        name: as.name,
        from: fileName === null ? '--as' : `--as, over the file's ${fileName}${by}`,
      };
    }
    if (as.kind === 'map' && fileName !== null) {
      for (const key of [fileName, ...(layer.aliases ?? [])]) {
        const mapped = as.map.get(key);
        if (mapped !== undefined) {
          this.used.add(key);
          return { name: mapped, from: `--as ${key}=${mapped}, the file's ${fileName}${by}` };
        }
      }
    }
    if (fileName === null && this.defaultLayer !== undefined)
      return { name: this.defaultLayer, from: 'the default layer' };
    return { name: fileName, from: fileName === null ? 'nowhere' : `the file${by}` };
  }

  /** A single --as name over a file that names several annotators would merge them: refused. */
  endFile(file: string): void {
    if (this.as.kind !== 'name' || this.fileNames.size < 2) return;
    const entries = [...this.fileNames];
    const second = entries[1]![1].line;
    const keys = entries.map(([name, seen]) => seen.aliases[0] ?? name);
    throw new ImportError(
      file,
      second,
      `this file holds ${entries.length} annotators (${entries.map(([n]) => n).join(', ')}), and one --as ` +
        `${this.as.name} would merge them into one layer: name each with --as ${keys.map((k) => `${k}=NAME`).join(',')}, ` +
        "or leave out --as to keep the file's names",
    );
  }

  /** A --as map key that no file used is most likely a typo: refused, naming what the files hold. */
  finish(): void {
    if (this.as.kind !== 'map') return;
    const unused = [...this.as.map.keys()].filter((k) => !this.used.has(k));
    if (unused.length === 0) return;
    const found = [...this.everyName];
    throw new AppError(
      'BAD_INPUT',
      `--as ${this.as.text}: no imported file names ${unused.map((k) => JSON.stringify(k)).join(', ')} ` +
        `(the files name ${found.length ? found.join(', ') : 'no annotators'})`,
    );
  }
}
