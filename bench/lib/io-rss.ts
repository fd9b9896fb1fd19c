// Peak memory of one export, in a process of its own (run by io.bench.ts): `export PROJECT OUT`
// writes the spans export of layer bench as the CLI does; `stringify JSONL OUT` writes the same
// lines by JSON.stringify of the synthetic rows read one at a time from the set's JSONL, through
// the same writer (the baseline: what streaming the rows costs with no project read). Prints one JSON line: the
// process's peak RSS once loaded and before any work (`loaded`), and after the work (`peak`), in MB.
import { openDb } from '../../src/main/backend/db/open';
import { exportProject } from '../../src/main/backend/exporters';
import { Sink } from '../../src/main/backend/exporters/sink';
import { readSynthRows } from './synth-jsonl';

const peakMb = () => process.resourceUsage().maxRSS / 1024;

async function main(): Promise<void> {
  const [mode, arg, out] = process.argv.slice(2);
  if (!out || (mode !== 'export' && mode !== 'stringify'))
    throw new Error('usage: io-rss export PROJECT OUT | stringify JSONL OUT');
  const loaded = peakMb();
  if (mode === 'export') {
    const { db } = openDb(arg!);
    await exportProject(db, out, { format: 'spans', layer: 'bench', only: 'all', offsets: 'codepoint', seed: 0 });
    db.close();
  } else {
    const sink = new Sink(out);
    for (const row of readSynthRows(arg!)) await sink.write(JSON.stringify(row) + '\n');
    await sink.close();
  }
  console.log(JSON.stringify({ loaded, peak: peakMb() }));
}

await main();
