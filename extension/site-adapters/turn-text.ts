/**
 * Reads an element's text the way a person sees it (line breaks between blocks, collapsed spaces), without
 * touching layout: `innerText` forces a synchronous reflow on live pages and ignores structure on detached
 * or server-rendered ones, so the DOM is walked instead.
 */

/** Never part of what the assistant said: controls, icons, screen-reader labels, hidden or inert content. */
export const BASE_CHROME_SELECTOR = [
  'button',
  '[role="button"]',
  'svg',
  'canvas',
  'img',
  'mat-icon',
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'annotation',
  '.sr-only',
  '.cdk-visually-hidden',
  '[aria-hidden="true"]',
  '[hidden]',
  '[inert]',
].join(', ');

const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TFOOT',
  'THEAD',
  'TR',
  'UL',
]);

const CELL_TAGS = new Set(['TD', 'TH']);
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * Visible text of `root` with every subtree matching `skipSelector` left out. Block elements start new lines,
 * table cells are separated by tabs, whitespace collapses except inside `pre`.
 */
export function extractText(root: Element, skipSelector: string = BASE_CHROME_SELECTOR): string {
  const out = new TextBuilder();
  walk(root, { skip: skipSelector, preformatted: false, inCell: false }, out);
  return out.finish();
}

/** Text of several roots (e.g. the separate markdown blocks of one reply), one paragraph apart. */
export function extractTextOfAll(
  roots: readonly Element[],
  skipSelector: string = BASE_CHROME_SELECTOR,
): string {
  return roots
    .map((root) => extractText(root, skipSelector))
    .filter((text) => text.length > 0)
    .join('\n\n');
}

interface WalkContext {
  skip: string;
  /** Inside `pre`: whitespace is kept as is. */
  preformatted: boolean;
  /** Inside a table cell: blocks run on, so a row stays one line. */
  inCell: boolean;
}

function walk(node: Node, context: WalkContext, out: TextBuilder): void {
  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) {
      const value = child.nodeValue ?? '';
      if (context.preformatted) out.raw(value);
      else out.collapsed(value);
      continue;
    }
    if (child.nodeType !== ELEMENT_NODE) continue;
    const element = child as Element;
    if (element.matches(context.skip)) continue;
    const tag = element.tagName.toUpperCase();
    if (tag === 'BR') {
      if (context.inCell) out.collapsed(' ');
      else out.raw('\n');
      continue;
    }
    const cell = CELL_TAGS.has(tag);
    const block = BLOCK_TAGS.has(tag) && !(context.inCell && tag !== 'TR');
    if (block) out.lineBreak();
    else if (context.inCell && BLOCK_TAGS.has(tag)) out.collapsed(' ');
    const inner =
      tag === 'PRE' || cell
        ? { ...context, preformatted: context.preformatted || tag === 'PRE', inCell: context.inCell || cell }
        : context;
    walk(element, inner, out);
    if (block) out.lineBreak();
    else if (cell) out.cellBreak();
  }
}

/** Accumulates text so that collapsed whitespace never doubles up across node boundaries. */
class TextBuilder {
  private readonly parts: string[] = [];
  private last = '\n';

  raw(text: string): void {
    if (text.length === 0) return;
    this.parts.push(text);
    this.last = text.charAt(text.length - 1);
  }

  collapsed(text: string): void {
    let value = text.replace(/[\t\n\f\r ]+/g, ' ');
    if (value.startsWith(' ') && (this.last === ' ' || this.last === '\n' || this.last === '\t')) {
      value = value.slice(1);
    }
    this.raw(value);
  }

  /** Ends a table cell: a tab, without the space the cell's text may have ended with. */
  cellBreak(): void {
    const last = this.parts.length - 1;
    if (this.last === ' ' && last >= 0) {
      this.parts[last] = (this.parts[last] as string).replace(/ +$/, '');
    }
    this.raw('\t');
  }

  lineBreak(): void {
    if (this.last !== '\n') this.raw('\n');
  }

  finish(): string {
    return this.parts
      .join('')
      .split('\n')
      .map((line) => line.replace(/[ \t]+$/, ''))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}
