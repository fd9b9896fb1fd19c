// The installable builds, checked without the Electron zip that `npm run dist` downloads:
// electron-builder's own reader loads electron-builder.yml and its schema validates it; then
// what it packs, unpacks from the asar and fuses is asserted, and the built job worker is
// checked to import nothing that would stay inside the archive.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { asarUnpacked } from '../../src/main/asar';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface BuilderConfig {
  appId?: string;
  productName?: string;
  /** As the reader normalises it: one entry holding the globs. */
  files?: { filter?: string[] }[];
  asar?: boolean;
  asarUnpack?: string[];
  npmRebuild?: boolean;
  extraResources?: { from: string; to: string; filter: string[] }[];
  electronFuses?: Record<string, boolean>;
  linux?: { target?: string[] };
  mac?: { target?: string[] };
  win?: { target?: string[] };
}
interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: { add(key: string, value: unknown): void }): Promise<void>;
}

/** electron-builder's own configuration reader (app-builder-lib, as electron-builder resolves it). */
function builderConfigModule(): ConfigModule {
  const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
  return fromBuilder('app-builder-lib/out/util/config/config') as ConfigModule;
}

/** A glob of asarUnpack's kind (`*` within a name, `**` across folders) as a RegExp. */
function globToRegExp(glob: string): RegExp {
  const re = glob
    .split('**/')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('(?:.*/)?');
  return new RegExp(`^${re}$`);
}

let config: BuilderConfig;
beforeAll(async () => {
  const mod = builderConfigModule();
  config = await mod.getConfig(ROOT, null, null);
  await mod.validateConfiguration(config, { add: () => undefined });
}, 60_000);

describe('electron-builder.yml', () => {
  it('is what electron-builder reads: valid against its schema, named Spanwise', () => {
    expect(config.productName).toBe('Spanwise');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
  });

  it('packs the built app into an asar, with the guidelines and demo articles beside it', () => {
    expect(config.asar).toBe(true);
    const files = (config.files ?? []).flatMap((f) => f.filter ?? []);
    expect(files).toEqual(expect.arrayContaining(['out/**/*', 'package.json', '!**/*.map']));
    const resources = config.extraResources?.find((r) => r.from === 'resources');
    expect(resources?.to).toBe('resources');
    expect(resources?.filter).toEqual(expect.arrayContaining(['guidelines.md', 'articles/**/*']));
    for (const file of ['resources/guidelines.md', 'resources/articles/manifest.json']) {
      expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
    }
  });

  it('unpacks the native SQLite module and the job worker, and does not rebuild N-API modules', () => {
    const unpack = (config.asarUnpack ?? []).map(globToRegExp);
    const unpacked = (p: string) => unpack.some((re) => re.test(p));
    expect(unpacked('node_modules/better-sqlite3/prebuilds/linux-x64.node')).toBe(true);
    expect(unpacked('node_modules/better-sqlite3/lib/index.js')).toBe(true);
    expect(unpacked('out/main/chunks/worker-0123abcd.js')).toBe(true);
    expect(unpacked('out/main/index.js')).toBe(false);
    expect(unpacked('out/renderer/index.html')).toBe(false);
    expect(config.npmRebuild).toBe(false);
  });

  it('sets the fuses of a hardened build', () => {
    // The binary cannot be run as plain Node, driven by NODE_OPTIONS or --inspect, or made to
    // load an app from anywhere but its own integrity-checked asar; file:// gets no extra
    // privileges (the window is served from app://).
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('makes AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('the built job worker is unpacked and imports only Node built-ins and unpacked packages', () => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'ensure-built.js')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    const chunks = fs.readdirSync(path.join(ROOT, 'out', 'main', 'chunks')).filter((f) => f.startsWith('worker'));
    expect(chunks).toHaveLength(1);
    const unpack = (config.asarUnpack ?? []).map(globToRegExp);
    const unpacked = (p: string) => unpack.some((re) => re.test(p));
    expect(unpacked(`out/main/chunks/${chunks[0]}`)).toBe(true);
    const source = fs.readFileSync(path.join(ROOT, 'out', 'main', 'chunks', chunks[0]!), 'utf8');
    const imports = [...source.matchAll(/\bfrom\s+"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1] ?? m[2]!);
    expect(imports.length).toBeGreaterThan(0);
    for (const spec of imports) {
      if (spec.startsWith('node:')) continue;
      expect(spec.startsWith('.'), `${spec}: a relative import would stay inside the asar`).toBe(false);
      expect(unpacked(`node_modules/${spec}/package.json`), `${spec} is not unpacked`).toBe(true);
    }
  });
});

describe('asarUnpacked', () => {
  it('points a path inside app.asar at the unpacked copy, and leaves other paths alone', () => {
    const packed = path.join('/opt', 'Spanwise', 'resources', 'app.asar', 'out', 'main', 'chunks', 'worker-1.js');
    expect(asarUnpacked(packed)).toBe(
      path.join('/opt', 'Spanwise', 'resources', 'app.asar.unpacked', 'out', 'main', 'chunks', 'worker-1.js'),
    );
    const dev = path.join('/work', 'spanwise', 'out', 'main', 'chunks', 'worker-1.js');
    expect(asarUnpacked(dev)).toBe(dev);
  });
});
