// A whole build's second core: a helper thread reads the articles waiting to be indexed and
// sketches them (sentences, words, 3-gram hashes: about half of an article's cost) ahead of
// the build, which then only compares and writes. A sketch depends on the text alone, so the
// index is the same whoever made it. The build takes the helper's sketch when the helper has
// claimed that article, and makes it itself otherwise (it never waits for an article the
// helper has not begun); a sketch of a text that changed since the helper read it is refused
// by the text's stored hash (content_hash) and made again. Spanwise never rewrites a text in
// place (an article is its text: another text is another row, with its own hash), so what the
// hash catches is an article removed meanwhile and its id taken by another.
//
// The build runs synchronously in one transaction per chunk, so it reads the helper's
// messages with receiveMessageOnPort and waits on a shared counter, never on the event loop.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Range } from './sentences';
import type { Sketch } from './sketch';

/** Articles the helper may run ahead of the build (each sketch is a few KB). */
export const AHEAD = 2_000;
/** Claims: 0 free, 1 the helper's, 2 the build's. */
export const HELPER = 1;
export const BUILD = 2;
/** Control words: [0] the build's position, [1] sketches the helper has posted, [2] 1 = stop. */
export const POSITION = 0;
export const POSTED = 1;
export const STOP = 2;

/** What the helper is started with (beside the job worker's input: the same script serves both). */
export interface SketcherInput {
  sketcher: {
    projectFile: string;
    /** The build's articles, in the order it indexes them. */
    ids: Int32Array;
    /** Int32Array(ids.length) of claims. */
    claims: SharedArrayBuffer;
    /** Int32Array(3) of control words. */
    control: SharedArrayBuffer;
    port: MessagePort;
  };
}

/** One sketch as posted: its arrays transferred, its sentences flattened. */
export interface WireSketch {
  at: number;
  /** The sketched text's content_hash ('' when the article was gone). */
  hash: string;
  sentences: Int32Array;
  words: Int32Array;
  grams: Int32Array;
  atList: Int32Array;
  keyList: Int32Array;
  keyAt: Int32Array;
  keys: Int32Array;
  total: number;
}

export function toWire(at: number, hash: string, s: Sketch): { wire: WireSketch; transfer: ArrayBuffer[] } {
  const sentences = new Int32Array(s.sentences.length * 2);
  s.sentences.forEach((r, i) => {
    sentences[2 * i] = r.start;
    sentences[2 * i + 1] = r.end;
  });
  const wire: WireSketch = {
    at,
    hash,
    sentences,
    words: s.words,
    grams: s.grams,
    atList: s.at,
    keyList: s.keyList,
    keyAt: s.keyAt,
    keys: s.keys,
    total: s.total,
  };
  const arrays = [sentences, s.words, s.grams, s.at, s.keyList, s.keyAt, s.keys];
  return { wire, transfer: arrays.map((a) => a.buffer as ArrayBuffer) };
}

function fromWire(w: WireSketch): Sketch {
  const sentences: Range[] = [];
  for (let i = 0; i < w.sentences.length; i += 2) sentences.push({ start: w.sentences[i]!, end: w.sentences[i + 1]! });
  return {
    sentences,
    words: w.words,
    grams: w.grams,
    at: w.atList,
    keyList: w.keyList,
    keyAt: w.keyAt,
    total: w.total,
    keys: w.keys,
    lookup: undefined,
  };
}

/** The helper thread: the job worker's script (in its sketcher mode), on the build's project. */
export interface HelperScript {
  url: URL;
  execArgv?: string[] | undefined;
  projectFile: string;
}

/** Starting the helper costs more than it saves below this many articles. */
export const HELPER_MIN = 2_000;

/** A build's feed: a helper thread on `script` when at least HELPER_MIN articles wait. */
export function helperFeed(script: HelperScript): (ids: readonly number[]) => SketchFeed | null {
  return (ids) => (ids.length >= HELPER_MIN ? new SketchFeed(script, ids) : null);
}

export class SketchFeed {
  private readonly claims: Int32Array;
  private readonly control: Int32Array;
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private readonly received = new Map<number, WireSketch>();
  private seen = 0;
  /** Sketches taken from the helper, and refused because the text had changed. */
  readonly stats = { taken: 0, refused: 0 };

  constructor(script: HelperScript, ids: readonly number[]) {
    this.claims = new Int32Array(new SharedArrayBuffer(4 * ids.length));
    this.control = new Int32Array(new SharedArrayBuffer(4 * 3));
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const input: SketcherInput = {
      sketcher: {
        projectFile: script.projectFile,
        ids: Int32Array.from(ids),
        claims: this.claims.buffer as SharedArrayBuffer,
        control: this.control.buffer as SharedArrayBuffer,
        port: port2,
      },
    };
    this.worker = new Worker(script.url, {
      workerData: input,
      transferList: [port2],
      ...(script.execArgv ? { execArgv: script.execArgv } : {}),
    });
    // A helper that fails (it says so in STOP) leaves the build to sketch for itself.
    this.worker.on('error', () => {});
  }

  /**
   * The sketch of the article at position `at` of the build's list, if the helper made it of
   * this very text (`hash`, its content_hash as the build read it); undefined when the build is
   * to make it itself.
   */
  take(at: number, hash: string): Sketch | undefined {
    Atomics.store(this.control, POSITION, at);
    Atomics.notify(this.control, POSITION);
    if (Atomics.compareExchange(this.claims, at, 0, BUILD) === 0) return undefined;
    let wire = this.received.get(at);
    while (!wire) {
      const seen = Atomics.load(this.control, POSTED);
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const w = m.message as WireSketch;
        this.received.set(w.at, w);
        this.seen++;
      }
      wire = this.received.get(at);
      if (wire) break;
      if (Atomics.load(this.control, STOP) === 1) return undefined;
      // Posted but not yet delivered, or still being made: wait for the next post.
      if (seen <= this.seen) Atomics.wait(this.control, POSTED, seen, 50);
    }
    this.received.delete(at);
    if (wire.hash !== hash) {
      this.stats.refused++;
      return undefined;
    }
    this.stats.taken++;
    return fromWire(wire);
  }

  /** How many sketches the helper has posted so far. */
  posted(): number {
    return Atomics.load(this.control, POSTED);
  }

  /** Stops the helper (the build finished, failed or was cancelled). */
  close(): void {
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, POSITION);
    this.port.close();
    void this.worker.terminate();
  }
}
