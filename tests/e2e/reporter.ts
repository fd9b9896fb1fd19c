// Closing reporter for the e2e run: prints "e2e: N passed, N failed, N skipped" as the last
// line, writes the counts to test-results/e2e-summary.json for .ci/run, and fails the run when
// a test was skipped for any reason but the missing Electron binary (test.skip left in by
// mistake, test.fixme, tests not run after an abort).
import fs from 'node:fs';
import path from 'node:path';
import type { FullResult, Reporter, Suite, TestCase } from '@playwright/test/reporter';

/** Kept equal to ELECTRON_SKIP_REASON in harness.ts (not imported: reporters load apart from tests). */
const ACCEPTED_SKIP = 'skipped: no Electron binary';

export interface E2eSummary {
  passed: number;
  failed: number;
  skipped: number;
  unexpectedSkips: string[];
  status: FullResult['status'];
}

function isAcceptedSkip(test: TestCase): boolean {
  const annotations = [...test.annotations, ...test.results.flatMap((r) => r.annotations)];
  return annotations.some((a) => a.type === 'skip' && a.description === ACCEPTED_SKIP);
}

export default class SummaryReporter implements Reporter {
  private root: Suite | null = null;

  printsToStdio(): boolean {
    return true;
  }

  onBegin(_config: unknown, suite: Suite): void {
    this.root = suite;
  }

  async onEnd(result: FullResult): Promise<{ status: FullResult['status'] } | undefined> {
    const tests = this.root?.allTests() ?? [];
    const summary: E2eSummary = { passed: 0, failed: 0, skipped: 0, unexpectedSkips: [], status: result.status };
    for (const test of tests) {
      const outcome = test.outcome();
      if (outcome === 'expected' || outcome === 'flaky') summary.passed++;
      else if (outcome === 'unexpected') summary.failed++;
      else {
        summary.skipped++;
        if (!isAcceptedSkip(test)) summary.unexpectedSkips.push(test.titlePath().filter(Boolean).join(' › '));
      }
    }
    const accepted = tests.filter((t) => t.outcome() === 'skipped' && isAcceptedSkip(t));
    if (accepted.length > 0) {
      console.log('');
      for (const t of accepted) console.log(`${ACCEPTED_SKIP}: ${t.titlePath().filter(Boolean).join(' › ')}`);
    }
    let status = result.status;
    if (summary.unexpectedSkips.length > 0) {
      console.log(`\n${summary.unexpectedSkips.length} test(s) skipped for a reason other than "${ACCEPTED_SKIP}":`);
      for (const title of summary.unexpectedSkips) console.log(`  - ${title}`);
      status = 'failed';
    }
    if (tests.length === 0) {
      console.log('\nNo e2e test ran.');
      status = 'failed';
    }
    summary.status = status;
    const out = path.resolve('test-results', 'e2e-summary.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(summary, null, 2));
    const skipped = summary.skipped ? `, ${summary.skipped} skipped` : '';
    console.log(`\ne2e: ${summary.passed} passed, ${summary.failed} failed${skipped}`);
    return status === result.status ? undefined : { status };
  }
}
