// The renderer's Content Security Policy, sent as a response header by main's app:// handler and
// by the Chromium window's bridge (a header, since frame-ancestors is ignored in a meta tag).
// No electron import: unit-tested, and the e2e suite runs the page under this same policy.
//
// style-src has no 'unsafe-inline': the built renderer has no <style> elements and no style
// attributes in markup. React sets `style={…}` props through the CSSOM (element.style), which
// the CSP does not govern, so label colours and virtual-list offsets still apply.

export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  // The page talks to main through the preload's IPC, never over the network.
  'connect-src': ["'none'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'worker-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

function serialise(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The policy as a header value. */
export function contentSecurityPolicy(): string {
  return serialise(CSP_DIRECTIVES);
}

/**
 * In development only (`npm run dev`, never a build): the dev server injects styles as <style>
 * elements and a small inline script for hot reload, and talks to the page over a WebSocket.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const { host } = new URL(devServerUrl);
  return serialise({
    ...CSP_DIRECTIVES,
    'script-src': ["'self'", "'unsafe-inline'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", `ws://${host}`],
  });
}
