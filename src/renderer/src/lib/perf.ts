// Performance marks around what users wait for (opening an article, an edit reaching the
// screen). `npm run bench` reads the measures; DevTools' Performance panel shows them too.

const pending = new Set<string>();

/** Marks the start of an interaction, e.g. 'open' or 'edit'. */
export function markStart(name: string): void {
  performance.mark(`spanwise:${name}:start`);
  pending.add(name);
}

/** Runs after the next frame has been painted: rAF fires before paint, the message after it. */
export function afterPaint(callback: () => void): void {
  // Outside a page (the store's tests in Node) there is no frame to wait for.
  if (typeof requestAnimationFrame === 'undefined') return void setTimeout(callback, 0);
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => callback();
    channel.port2.postMessage(null);
  });
}

/** Ends a started interaction once its result is painted: measure `spanwise:<name>`. */
export function measureWhenPainted(name: string): void {
  if (!pending.delete(name)) return;
  // The script part (state update and React's render and commit), before layout and paint.
  performance.measure(`spanwise:${name}:script`, `spanwise:${name}:start`);
  afterPaint(() => {
    performance.measure(`spanwise:${name}`, `spanwise:${name}:start`);
  });
}

let startupMeasured = false;

/** The first article painted after the page loaded: `spanwise:startup`, from the navigation's start. */
export function measureStartup(): void {
  if (startupMeasured) return;
  startupMeasured = true;
  afterPaint(() => performance.measure('spanwise:startup', { start: 0 }));
}
