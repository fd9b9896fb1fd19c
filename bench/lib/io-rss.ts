// Peak memory of one export, in a process of its own (run by io.bench.ts): `export PROJECT OUT`
// writes the spans export of layer bench as the CLI does; `stringify N OUT` writes the same
// lines by JSON.stringify of the synthetic rows made one at a time, through the same writer
// (the baseline: what streaming the rows costs with nothing read). Prints one JSON line: the
// process's peak RSS once loaded and before any work (`loaded`), and after the work (`peak`), in MB.
import { openDb } from '../../src/main/backend/db/open';
import { exportProject } from '../../src/main/backend/exporters';
import { Sink } from '../../src/main/backend/exporters/sink';
import { spansRow, synthArticles } from './synth';

const peakMb = () => process.resourceUsage().maxRSS / 1024;

async function main(): Promise<void> {
  const [mode, arg, out] = process.argv.slice(2);
  if (!out || (mode !== 'export' && mode !== 'stringify'))
    throw new Error('usage: io-rss export PROJECT OUT | stringify N OUT');
  const loaded = peakMb();
  if (mode === 'export') {
    const { db } = openDb(arg!);
    await exportProject(db, out, { format: 'spans', layer: 'bench', only: 'all', offsets: 'codepoint', seed: 0 });
    db.close();
  } else {
    const sink = new Sink(out);
    for (const a of synthArticles(Number(arg))) await sink.write(JSON.stringify(spansRow(a)) + '\n');
    await sink.close();
  }
  console.log(JSON.stringify({ loaded, peak: peakMb() }));
}

await main();
