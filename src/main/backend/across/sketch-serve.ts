// The helper's side of a whole build (sketch-feed.ts): claims the build's articles in order,
// up to AHEAD of it, skipping those the build claimed, and posts each one's sketch.
import { openDb } from '../db/open';
import { sql } from '../db/handles';
import { sketch } from './sketch';
import { AHEAD, HELPER, POSITION, POSTED, STOP, toWire, type SketcherInput } from './sketch-feed';

const ARTICLE = sql<{ text: string; hash: string }>('SELECT text, content_hash AS hash FROM articles WHERE id = ?');

export function serveSketches(input: SketcherInput['sketcher']): void {
  const claims = new Int32Array(input.claims);
  const control = new Int32Array(input.control);
  const { db } = openDb(input.projectFile);
  try {
    for (let at = 0; at < input.ids.length; at++) {
      for (;;) {
        if (Atomics.load(control, STOP) === 1) return;
        const position = Atomics.load(control, POSITION);
        if (at <= position + AHEAD) break;
        Atomics.wait(control, POSITION, position, 100);
      }
      if (Atomics.compareExchange(claims, at, 0, HELPER) !== 0) continue;
      // Gone meanwhile: the build, which reads it again, finds it gone too (or refuses by the hash).
      const { text, hash } = ARTICLE.get(db, input.ids[at]!) ?? { text: '', hash: '' };
      const { wire, transfer } = toWire(at, hash, sketch(text));
      input.port.postMessage(wire, transfer);
      Atomics.add(control, POSTED, 1);
      Atomics.notify(control, POSTED);
    }
  } catch (err) {
    // The build waits on this thread's posts: it must hear that no more will come.
    Atomics.store(control, STOP, 1);
    Atomics.notify(control, POSTED);
    throw err;
  } finally {
    db.close();
    input.port.close();
  }
}
