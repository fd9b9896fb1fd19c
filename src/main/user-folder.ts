// Where Spanwise keeps a person's settings (config.json: last project, recent list) and the
// default project: the platform's per-user application-data folder, named for the product, as
// Electron's app.getPath('userData') gives it. Computed here without electron so that the
// Chromium window uses the very same folder as the Electron app, and tests can check it.
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Spanwise';

export function userFolder(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (platform === 'win32') return p.join(env['APPDATA'] ?? p.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return p.join(env['XDG_CONFIG_HOME'] || p.join(home, '.config'), PRODUCT_NAME);
}
