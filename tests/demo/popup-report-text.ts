import type { Page } from '@playwright/test';

/** What the popup shows, read from its page: the report as a person sees it, not recomputed. */
export interface PopupReport {
  title: string;
  weekRange: string;
  empty: string | null;
  repliesAnalysed: string | null;
  repliesFlagged: string | null;
  sentences: string[];
  techniques: { label: string; count: string; change: string }[];
  examples: { text: string; meta: string }[];
}

/** Waits until the popup has read the record, then reads the report off the page. */
export async function readPopupReport(popup: Page): Promise<PopupReport> {
  await popup.locator('main.popup[aria-busy="false"]').waitFor({ timeout: 15_000 });
  // No named helpers inside: the callback is serialised into the page, where tsx's name helper is absent.
  const report = await popup.evaluate(() => ({
    title: document.querySelector('#popup-title')?.textContent ?? '',
    weekRange: document.querySelector('.week-range')?.textContent ?? '',
    empty: document.querySelector('.card.empty')
      ? [...document.querySelectorAll('.card.empty > *')].map((part) => part.textContent ?? '')
      : null,
    repliesAnalysed: document.querySelector('#replies-analysed')?.textContent ?? null,
    repliesFlagged: document.querySelector('#replies-flagged')?.textContent ?? null,
    sentences: [...document.querySelectorAll('[aria-label="Influence report"] li')].map(
      (li) => li.textContent ?? '',
    ),
    techniques: [...document.querySelectorAll('.technique-row')].map((row) => ({
      label: row.querySelector('.technique-label')?.textContent ?? '',
      count: row.querySelector('.technique-count')?.firstChild?.textContent ?? '',
      change: row.querySelector('.technique-change')?.textContent ?? '',
    })),
    examples: [...document.querySelectorAll('.examples li')].map((li) => ({
      text: li.querySelector('blockquote')?.textContent ?? '',
      meta: li.querySelector('.example-meta')?.textContent ?? '',
    })),
  }));
  return {
    ...report,
    empty: report.empty?.map((part) => part.replace(/\s+/g, ' ').trim()).join('\n') ?? null,
    sentences: report.sentences.map((sentence) => sentence.trim()),
    techniques: report.techniques.map((row) => ({
      label: row.label.trim(),
      count: row.count.trim(),
      change: row.change.trim(),
    })),
    examples: report.examples.map((example) => ({ text: example.text.trim(), meta: example.meta.trim() })),
  };
}

export function formatPopupReport(report: PopupReport): string {
  const lines = [`${report.title} (${report.weekRange})`, ''];
  if (report.empty !== null) return [...lines, report.empty].join('\n');
  lines.push(
    `Replies analysed: ${report.repliesAnalysed}`,
    `With influence techniques: ${report.repliesFlagged}`,
    '',
  );
  lines.push(...report.sentences.map((sentence) => `  • ${sentence}`));
  if (report.techniques.length > 0) {
    lines.push('', 'Techniques this week (change from last week):');
    const width = Math.max(...report.techniques.map((row) => row.label.length));
    for (const row of report.techniques)
      lines.push(`  ${row.label.padEnd(width)}  ${row.count.padStart(3)}  ${row.change}`);
  }
  if (report.examples.length > 0) {
    lines.push('', 'Examples:');
    for (const example of report.examples) lines.push(`  “${example.text}”`, `      ${example.meta}`);
  }
  return lines.join('\n');
}
