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
/** Between the texts of several content blocks of one reply. */
const PARAGRAPH_SEPARATOR = '\n\n';

/**
 * The extracted text together with where each of its UTF-16 code units came from, so an offset into the
 * text (a finding's span) can be turned back into a place in the page.
 */
export interface TextMap {
  text: string;
  /** Per code unit of `text`: the text node it was read from, or null for a separator the extraction added. */
  nodes: readonly (Text | null)[];
  /** Per code unit of `text`: its offset in that node (a collapsed whitespace run maps to its first unit). */
  offsets: readonly number[];
}

/**
 * Visible text of `root` with every subtree matching `skipSelector` left out. Block elements start new lines,
 * table cells are separated by tabs, whitespace collapses except inside `pre`.
 */
export function extractText(root: Element, skipSelector: string = BASE_CHROME_SELECTOR): string {
  const out = new TextBuilder(false);
  walk(root, { skip: skipSelector, preformatted: false, inCell: false }, out);
  return out.finish().text;
}

/** Text of several roots (e.g. the separate markdown blocks of one reply), one paragraph apart. */
export function extractTextOfAll(
  roots: readonly Element[],
  skipSelector: string = BASE_CHROME_SELECTOR,
): string {
  return roots
    .map((root) => extractText(root, skipSelector))
    .filter((text) => text.length > 0)
    .join(PARAGRAPH_SEPARATOR);
}

/** extractText() with the source of every code unit: the same walk, so the two always agree. */
export function extractTextMap(root: Element, skipSelector: string = BASE_CHROME_SELECTOR): TextMap {
  const out = new TextBuilder(true);
  walk(root, { skip: skipSelector, preformatted: false, inCell: false }, out);
  return out.finish();
}

/** extractTextOfAll() with the source of every code unit. */
export function extractTextMapOfAll(
  roots: readonly Element[],
  skipSelector: string = BASE_CHROME_SELECTOR,
): TextMap {
  const maps = roots.map((root) => extractTextMap(root, skipSelector)).filter((map) => map.text.length > 0);
  const nodes: (Text | null)[] = [];
  const offsets: number[] = [];
  maps.forEach((map, index) => {
    if (index > 0) {
      for (let i = 0; i < PARAGRAPH_SEPARATOR.length; i++) {
        nodes.push(null);
        offsets.push(0);
      }
    }
    // One push per unit: spreading a long reply's arrays as arguments would overflow the stack.
    for (let i = 0; i < map.text.length; i++) {
      nodes.push(map.nodes[i] ?? null);
      offsets.push(map.offsets[i] ?? 0);
    }
  });
  return { text: maps.map((map) => map.text).join(PARAGRAPH_SEPARATOR), nodes, offsets };
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
      if (context.preformatted) out.rawFrom(child as Text);
      else out.collapsedFrom(child as Text);
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

/** Whitespace that collapses outside `pre` (HTML's ASCII whitespace; a no-break space is kept). */
function isCollapsible(unit: string): boolean {
  return unit === ' ' || unit === '\t' || unit === '\n' || unit === '\f' || unit === '\r';
}

/**
 * Accumulates text so that collapsed whitespace never doubles up across node boundaries. When tracking, every
 * code unit also records its source node and offset; the text itself is built the same way either way.
 */
class TextBuilder {
  private readonly parts: string[] = [];
  private readonly nodes: (Text | null)[] = [];
  private readonly offsets: number[] = [];
  private last = '\n';

  constructor(private readonly track: boolean) {}

  /** Text the extraction adds itself (line breaks, tabs, spaces): it comes from no node. */
  raw(text: string): void {
    this.push(text, null, null);
  }

  /** A text node's value as is (inside `pre`). */
  rawFrom(node: Text): void {
    const value = node.nodeValue ?? '';
    this.push(value, node, this.track ? Array.from(value, (_, i) => i) : null);
  }

  collapsed(text: string): void {
    this.pushCollapsed(text, null);
  }

  /** A text node's value with whitespace runs collapsed to one space. */
  collapsedFrom(node: Text): void {
    this.pushCollapsed(node.nodeValue ?? '', node);
  }

  /** Ends a table cell: a tab, without the space the cell's text may have ended with. */
  cellBreak(): void {
    const last = this.parts.length - 1;
    if (this.last === ' ' && last >= 0) {
      const part = this.parts[last] as string;
      const kept = part.replace(/ +$/, '');
      this.parts[last] = kept;
      if (this.track) {
        this.nodes.length -= part.length - kept.length;
        this.offsets.length -= part.length - kept.length;
      }
    }
    this.raw('\t');
  }

  lineBreak(): void {
    if (this.last !== '\n') this.raw('\n');
  }

  /** The text with each line's trailing spaces and tabs dropped, at most one blank line in a row, trimmed. */
  finish(): TextMap {
    const joined = this.parts.join('');
    const keep = keptAfterFinishing(joined);
    let text = '';
    const nodes: (Text | null)[] = [];
    const offsets: number[] = [];
    for (let i = 0; i < joined.length; i++) {
      if (!keep[i]) continue;
      text += joined.charAt(i);
      if (this.track) {
        nodes.push(this.nodes[i] ?? null);
        offsets.push(this.offsets[i] ?? 0);
      }
    }
    return { text, nodes, offsets };
  }

  private pushCollapsed(value: string, node: Text | null): void {
    let text = '';
    const offsets: number[] = [];
    for (let i = 0; i < value.length; ) {
      if (isCollapsible(value.charAt(i))) {
        text += ' ';
        offsets.push(i);
        while (i < value.length && isCollapsible(value.charAt(i))) i++;
      } else {
        text += value.charAt(i);
        offsets.push(i);
        i++;
      }
    }
    if (text.startsWith(' ') && (this.last === ' ' || this.last === '\n' || this.last === '\t')) {
      text = text.slice(1);
      offsets.shift();
    }
    this.push(text, node, node ? offsets : null);
  }

  private push(text: string, node: Text | null, offsets: readonly number[] | null): void {
    if (text.length === 0) return;
    this.parts.push(text);
    this.last = text.charAt(text.length - 1);
    if (!this.track) return;
    for (let i = 0; i < text.length; i++) {
      this.nodes.push(node);
      this.offsets.push(offsets?.[i] ?? 0);
    }
  }
}

/**
 * Which code units of `joined` survive the final clean-up, as one pass each, in this order: spaces and tabs
 * ending a line go, runs of three or more line breaks keep two, then leading and trailing whitespace goes
 * (`\s`, the set String.prototype.trim removes). Equal to splitting on '\n', trimming each line's end,
 * joining, replacing /\n{3,}/ with two and trimming — but it says which units were kept.
 */
export function keptAfterFinishing(joined: string): Uint8Array {
  const keep = new Uint8Array(joined.length).fill(1);
  let atLineEnd = true;
  for (let i = joined.length - 1; i >= 0; i--) {
    const unit = joined.charAt(i);
    if (unit === '\n') atLineEnd = true;
    else if (atLineEnd && (unit === ' ' || unit === '\t')) keep[i] = 0;
    else atLineEnd = false;
  }
  let breaks = 0;
  for (let i = 0; i < joined.length; i++) {
    if (!keep[i]) continue;
    if (joined.charAt(i) === '\n') {
      breaks++;
      if (breaks > 2) keep[i] = 0;
    } else {
      breaks = 0;
    }
  }
  const whitespace = /\s/;
  for (let i = 0; i < joined.length; i++) {
    if (!keep[i]) continue;
    if (!whitespace.test(joined.charAt(i))) break;
    keep[i] = 0;
  }
  for (let i = joined.length - 1; i >= 0; i--) {
    if (!keep[i]) continue;
    if (!whitespace.test(joined.charAt(i))) break;
    keep[i] = 0;
  }
  return keep;
}
