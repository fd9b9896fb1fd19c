// `npm run bench [-- name... ] [--quick] [--runs N]`: runs every bench/<name>.bench.ts (or
// the named ones). A module that exports a BenchModule (bench/lib/types.ts) is run here and
// each metric printed with its median, min and max, its ratio to its baseline and whether it
// meets its target (results also go to bench/results/<timestamp>.json); a module written as a
// script runs and prints on import. --quick (or SPANWISE_BENCH_QUICK=1) scales the data down
// for a CI-time sanity run; the default is the full size.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { fmt, median } from './lib/stats';
import type { BenchModule, Metric } from './lib/types';

const here = import.meta.dirname;

function isModule(v: unknown): v is { default: BenchModule } {
  const d = (v as { default?: Partial<BenchModule> } | null)?.default;
  return typeof d?.name === 'string' && typeof d.run === 'function';
}

function verdict(m: Metric, byName: Map<string, Metric>): string {
  const med = median(m.samples);
  const parts: string[] = [];
  if (m.baseline) {
    const base = byName.get(m.baseline);
    if (base) {
      const b = median(base.samples);
      const ratio = m.higherIsBetter ? b / med : med / b;
      const ok = m.maxRatio === undefined || ratio <= m.maxRatio;
      parts.push(
        `${ratio.toFixed(2)}× baseline${m.maxRatio ? ` (target ≤ ${m.maxRatio}×: ${ok ? 'met' : 'MISSED'})` : ''}`,
      );
    }
  }
  if (m.target !== undefined) {
    const ok = m.higherIsBetter ? med >= m.target : med <= m.target;
    parts.push(`target ${m.higherIsBetter ? '≥' : '≤'} ${fmt(m.target)}: ${ok ? 'met' : 'MISSED'}`);
  }
  return parts.join('; ');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { quick: { type: 'boolean' }, runs: { type: 'string' } },
    allowPositionals: true,
  });
  const quick = Boolean(values.quick) || process.env['SPANWISE_BENCH_QUICK'] === '1';
  if (quick) process.env['SPANWISE_BENCH_QUICK'] = '1';
  const runs = values.runs ? Number(values.runs) : 3;
  const names = fs
    .readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .sort();
  const unknown = positionals.filter((p) => !names.includes(p));
  if (unknown.length) {
    console.error(`unknown bench: ${unknown.join(', ')} (have: ${names.join(', ')})`);
    process.exit(2);
  }
  const results: Record<string, unknown> = { date: new Date().toISOString(), quick, runs, node: process.version };
  const started = performance.now();
  const took: string[] = [];
  for (const name of positionals.length ? positionals : names) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const loaded: unknown = await import(pathToFileURL(path.join(here, `${name}.bench.ts`)).href);
    // A script-style bench has already run and printed its results on import.
    if (!isModule(loaded)) continue;
    const mod = loaded.default;
    console.log(`\n## ${mod.name}: ${mod.description}${quick ? ' (quick)' : ''}`);
    // Each line stamped with the seconds since the bench began, to see where its time goes.
    const log = (msg: string) => console.log(`   [${((performance.now() - t0) / 1000).toFixed(0)} s] ${msg}`);
    const metrics = await mod.run({ quick, runs, log });
    const byName = new Map(metrics.map((m) => [m.name, m]));
    const rows = metrics.map((m) => [
      m.name,
      fmt(median(m.samples)),
      fmt(Math.min(...m.samples)),
      fmt(Math.max(...m.samples)),
      m.unit,
      verdict(m, byName),
    ]);
    const head = ['metric', 'median', 'min', 'max', 'unit', 'vs baseline / target'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) =>
      r.map((c, i) => (i >= 1 && i <= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
    console.log(line(head));
    for (const r of rows) console.log(line(r));
    results[mod.name] = metrics.map((m) => ({ ...m, median: median(m.samples) }));
    const seconds = (performance.now() - t0) / 1000;
    // This process's CPU time (all its threads, not its children nor the browser): on a machine
    // whose cores are taken by other work, what the bench would take alone is nearer to it.
    const used = process.cpuUsage(cpu0);
    const cpu = (used.user + used.system) / 1e6;
    console.log(`(${mod.name}: ${seconds.toFixed(0)} s, CPU ${cpu.toFixed(0)} s)`);
    took.push(`${mod.name} ${seconds.toFixed(0)} s (CPU ${cpu.toFixed(0)} s)`);
  }
  // The whole run must fit in ten minutes on the team's machines: each bench's share, to see where it goes.
  const total = (performance.now() - started) / 1000;
  console.log(`\nbench time: ${total.toFixed(0)} s in all (${took.join(', ')})`);
  results['seconds'] = { total, each: took };
  const dir = path.join(here, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(out, JSON.stringify(results, null, 2));
  console.log(`\nresults: ${path.relative(process.cwd(), out)}`);
}

await main();
