// The renderer's own scheme, app://spanwise/…, which main serves from the built renderer folder
// (Electron security checklist 18: no file://, whose pages could read any file on the disk).
// What a request is answered with is decided here, without electron, so it is unit-tested:
// only files inside the folder, with their type and the CSP header.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { contentSecurityPolicy } from './csp';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://spanwise`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * A standard scheme (relative URLs and an origin of its own, so 'self' in the CSP means it) and
 * a secure context (as https). Nothing more: no CSP bypass, no CORS reads from elsewhere, no
 * service workers.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
} as const satisfies CustomScheme['privileges'];

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** The headers every file of the renderer is sent with: its type, the CSP, and no sniffing. */
export function rendererHeaders(file: string): Record<string, string> {
  return {
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-security-policy': contentSecurityPolicy(),
    'x-content-type-options': 'nosniff',
  };
}

/**
 * The file inside `rendererDir` that an app:// URL names, or null: another scheme or host, a
 * path that leaves the folder once decoded (`..`, an encoded slash or backslash), a NUL byte.
 * `/` is the entry page.
 */
export function resolveRendererFile(url: string, rendererDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(parsed.pathname);
  } catch {
    return null; // a malformed escape
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  if (rel === '/') rel = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${rel}`);
  const inside = path.relative(root, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}

export interface RendererResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer> | string;
}

/**
 * What main answers a request for `url` with: the file and its headers, 404 for anything that
 * is not a regular file inside the folder (symlinks are followed and must stay inside too),
 * 405 for anything but GET and HEAD.
 */
export async function answerRendererRequest(
  url: string,
  method: string,
  rendererDir: string,
): Promise<RendererResponse> {
  const refused = (status: number, text: string): RendererResponse => ({
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
    body: text,
  });
  if (method !== 'GET' && method !== 'HEAD') return refused(405, 'method not allowed');
  const file = resolveRendererFile(url, rendererDir);
  if (!file) return refused(404, 'not found');
  try {
    const [real, root] = await Promise.all([fs.realpath(file), fs.realpath(rendererDir)]);
    const inside = path.relative(root, real);
    if (inside.startsWith('..') || path.isAbsolute(inside)) return refused(404, 'not found');
    const stat = await fs.stat(real);
    if (!stat.isFile()) return refused(404, 'not found');
    return { status: 200, headers: rendererHeaders(file), body: await fs.readFile(real) };
  } catch {
    return refused(404, 'not found');
  }
}
