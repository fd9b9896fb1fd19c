// What the benches make once and keep between runs (synthetic sets, large projects), in
// node_modules/.cache/spanwise-bench. Each file is made under a temporary name of this
// process's own and then renamed, so a run never reads a half-made file, and two runs making
// the same one never write into each other's.
import fs from 'node:fs';
import path from 'node:path';

export const BENCH_CACHE = path.resolve(import.meta.dirname, '../../node_modules/.cache/spanwise-bench');

/**
 * The cached file `name`, made by `make(tmp)` on first use and logged as `made` with the seconds
 * it took. A project's -wal and -shm left beside the temporary name are removed before and
 * after, so that the file alone is the whole project.
 */
export function cachedFile(
  name: string,
  made: string,
  make: (tmp: string) => void,
  log: (message: string) => void,
): string {
  const file = path.join(BENCH_CACHE, name);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(BENCH_CACHE, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const sidecars = [`${tmp}-wal`, `${tmp}-shm`];
  for (const f of [tmp, ...sidecars]) fs.rmSync(f, { force: true });
  const t = performance.now();
  make(tmp);
  for (const f of sidecars) fs.rmSync(f, { force: true });
  fs.renameSync(tmp, file);
  log(`${made} in ${((performance.now() - t) / 1000).toFixed(1)} s: ${file}`);
  return file;
}
