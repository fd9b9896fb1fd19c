// Electron's side of the app:// scheme and of the session's rules: the scheme registered before
// the app is ready, its requests answered by security/app-protocol.ts, the permission handlers
// and every webContents guarded (security/window-config.ts).
import { app, protocol, session } from 'electron';
import { log } from './backend/log';
import { answerRendererRequest, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './security/app-protocol';
import { devContentSecurityPolicy } from './security/csp';
import { denyPermissionCheck, denyPermissionRequest, guardContents } from './security/window-config';

/** Must run before the app is ready (Electron reads privileged schemes at startup). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  app.on('web-contents-created', (_event, contents) => {
    guardContents(contents, ({ what, url }) => log.warn(`refused ${what} to ${url}`));
  });
}

/** Once ready: serve the built renderer from `rendererDir` and refuse every permission. */
export function secureSession(rendererDir: string, devServerUrl: string | undefined): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await answerRendererRequest(request.url, request.method, rendererDir);
    const body = request.method === 'HEAD' ? null : answer.body;
    return new Response(body, { status: answer.status, headers: answer.headers });
  });
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(denyPermissionRequest);
  ses.setPermissionCheckHandler(denyPermissionCheck);
  if (devServerUrl) {
    // The dev server sends no CSP of its own: add the development policy to its pages.
    const csp = devContentSecurityPolicy(devServerUrl);
    ses.webRequest.onHeadersReceived({ urls: [`${new URL(devServerUrl).origin}/*`] }, (details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
  }
}
