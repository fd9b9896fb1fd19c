// In a packaged app, files listed in electron-builder.yml's asarUnpack live beside the archive
// (app.asar.unpacked/…) while the bundler's paths still point inside it (app.asar/…). A worker
// thread's script must be read from the real file. No electron import: unit-tested.
import path from 'node:path';

export function asarUnpacked(file: string): string {
  const inside = `${path.sep}app.asar${path.sep}`;
  return file.includes(inside) ? file.replace(inside, `${path.sep}app.asar.unpacked${path.sep}`) : file;
}
