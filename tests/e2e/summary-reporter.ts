import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * Ends the run with one plain line, "e2e: N passed, N failed[, N skipped]", that CI logs and people can
 * read at a glance (the list reporter's own summary is spread over several lines).
 */
export default class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, TestResult['status']>();

  onTestEnd(test: TestCase, result: TestResult): void {
    // The last attempt decides, so a retried test counts once.
    this.outcomes.set(test.id, result.status);
  }

  onEnd(result: FullResult): void {
    const statuses = [...this.outcomes.values()];
    const passed = statuses.filter((s) => s === 'passed').length;
    const skipped = statuses.filter((s) => s === 'skipped').length;
    let failed = statuses.length - passed - skipped;
    // A run that broke before or between tests (a crash, a global timeout) is never reported as clean.
    if (failed === 0 && result.status !== 'passed') failed = 1;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    console.log(`e2e: ${passed} passed, ${failed} failed${tail}`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
