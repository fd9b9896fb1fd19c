// A bounded, seeded fuzz of the importer: a few thousand mutations of valid files of every
// format, each imported for real into a real project file (in a worker thread, so that a hang
// is caught and named). It fails on any crash (anything but a BAD_INPUT refusal naming the
// file), on an input that does not finish, and on a refused import that changed the project.
// FUZZ_SEED and FUZZ_COUNT run it longer by hand: FUZZ_COUNT=50000 npx vitest run tests/unit/fuzz-import.test.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { RESOURCES } from './helpers';
import type { FuzzFailure, FuzzInput, FuzzMessage } from './fixtures/fuzz-worker';
import { samples } from './fixtures/fuzz';

const SEED = Number(process.env['FUZZ_SEED'] ?? 12);
const COUNT = Number(process.env['FUZZ_COUNT'] ?? 3000);
/** A hang guard, not a speed check: no single small input may take this long. */
const HANG_MS = 30_000;

function fuzz(input: FuzzInput): Promise<Extract<FuzzMessage, { type: 'done' }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fixtures/fuzz-worker.ts', import.meta.url), {
      workerData: input,
      execArgv: ['--import', 'tsx'],
      // The main thread's stack (the CLI's), not a worker's larger default: deep input must
      // be refused before anything recursive runs out of it.
      resourceLimits: { stackSizeMb: 1 },
    });
    let current: Extract<FuzzMessage, { type: 'start' }> | null = null;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        reject(
          new Error(
            current
              ? `input ${current.input} (${current.sample}: ${current.what.join('; ')}) did not finish in ${HANG_MS / 1000} s`
              : `the fuzzer did not start in ${HANG_MS / 1000} s`,
          ),
        );
      }, HANG_MS);
    };
    arm();
    worker.on('message', (m: FuzzMessage) => {
      if (m.type === 'start') {
        current = m;
        arm();
      } else {
        clearTimeout(timer);
        resolve(m);
        void worker.terminate();
      }
    });
    worker.on('error', (err: Error) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/**
 * Thousands of small files and folders: in memory (/dev/shm) where there is one, since ext4
 * flushes a file rewritten in place and a removed folder; otherwise the system's temp folder.
 */
let scratch: string | null = null;
function scratchDir(): string {
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  scratch = fs.mkdtempSync(path.join(base, 'spanwise-fuzz-'));
  return scratch;
}
afterEach(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  scratch = null;
});

function describeFailure(f: FuzzFailure): string {
  return `input ${f.input} (${f.sample}; ${f.what.join('; ')}; options ${JSON.stringify(f.options)}):\n  ${f.problem}\n  file: ${f.file}`;
}

describe('import fuzz', () => {
  it(`${COUNT} mutated files of every format: refused by file and line or imported, never a crash, a hang or a partial write`, async () => {
    const dir = scratchDir();
    const result = await fuzz({ seed: SEED, count: COUNT, dir, resourcesDir: path.resolve(RESOURCES) });
    expect(result.failures.map(describeFailure).join('\n\n')).toBe('');
    // Every valid sample imported as it was, and the mutations gave both outcomes.
    expect(Object.keys(result.bySample).sort()).toEqual(
      samples()
        .map((s) => s.name)
        .sort(),
    );
    expect(result.accepted).toBeGreaterThan(COUNT / 20);
    expect(result.refused).toBeGreaterThan(COUNT / 4);
  }, 300_000);
});
