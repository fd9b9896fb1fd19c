// The synthetic set as a spans JSONL file, written once per size and kept in the benches' cache
// (bench/lib/cache.ts; named by its size and the generator's generation), and read back line
// by line. Making 100,000 articles costs about 10 s of CPU; the benches that import the file,
// and the baselines that need the same rows, read it instead of making the set again.
import fs from 'node:fs';
import { cachedFile } from './cache';
import { SYNTH_GENERATION, writeSynthJsonl, type SynthRow } from './synth';

/** The cached JSONL of `n` synthetic articles (read it, never write it) and its size in bytes. */
export function cachedSynthJsonl(n: number, log: (message: string) => void): { file: string; bytes: number } {
  const file = cachedFile(
    `synth-${n}-g${SYNTH_GENERATION}.jsonl`,
    `wrote ${n.toLocaleString('en-US')} synthetic articles`,
    (tmp) => writeSynthJsonl(tmp, n),
    log,
  );
  return { file, bytes: fs.statSync(file).size };
}

/** The file's rows, one line at a time (read in 4 MB chunks: the file is never held whole). */
export function* readSynthRows(file: string): Generator<SynthRow> {
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(4 << 20);
    let rest = Buffer.alloc(0);
    for (;;) {
      const got = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      const buf = rest.length ? Buffer.concat([rest, chunk.subarray(0, got)]) : chunk.subarray(0, got);
      let start = 0;
      for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
        if (nl > start) yield JSON.parse(buf.toString('utf8', start, nl)) as SynthRow;
        start = nl + 1;
      }
      // Copied: the chunk is overwritten by the next read.
      rest = Buffer.from(buf.subarray(start));
    }
    if (rest.length) yield JSON.parse(rest.toString('utf8')) as SynthRow;
  } finally {
    fs.closeSync(fd);
  }
}
