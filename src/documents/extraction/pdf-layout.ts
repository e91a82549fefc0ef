import type { PdfTextItem } from './pdf-protocol';

/**
 * Rebuilds the text of a page from pdf.js text runs: runs on one baseline form a line, lines
 * closer than a paragraph gap are joined with a space (re-joining words hyphenated at the line
 * end), and a larger gap, a change of font size or a jump back up the page starts a paragraph.
 */
export function layoutPageText(items: readonly PdfTextItem[]): string {
  const lines = groupLines(items);
  const leading = typicalLeading(lines);
  let text = '';
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (previous === undefined) text = line.text;
    else if (startsParagraph(previous, line, leading)) text += `\n\n${line.text}`;
    else text = joinLines(text, line.text);
  });
  return text;
}

interface Line {
  text: string;
  y: number;
  height: number;
  end: number;
}

function groupLines(items: readonly PdfTextItem[]): Line[] {
  const lines: Line[] = [];
  let line: Line | undefined;
  let lineEnded = false;
  for (const item of items) {
    if (item.text !== '') {
      const continuesLine = line && !lineEnded && Math.abs(item.y - line.y) <= item.height * 0.5;
      if (line && continuesLine) {
        appendRun(line, item);
      } else {
        line = { text: item.text, y: item.y, height: item.height, end: item.x + item.width };
        lines.push(line);
      }
    }
    // pdf.js marks line ends on the last run, or on an empty run of its own.
    lineEnded = item.endOfLine || (item.text === '' && lineEnded);
  }
  return lines.filter((l) => l.text.trim() !== '');
}

function appendRun(line: Line, item: PdfTextItem): void {
  const gap = item.x - line.end;
  const needsSpace = gap > item.height * 0.15 && !/\s$/.test(line.text) && !/^\s/.test(item.text);
  line.text += needsSpace ? ` ${item.text}` : item.text;
  line.end = item.x + item.width;
  line.height = Math.max(line.height, item.height);
}

/** The median distance between consecutive lines of equal size: the body text's line spacing. */
function typicalLeading(lines: readonly Line[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i - 1].y - lines[i].y;
    if (gap > 0 && sameSize(lines[i - 1], lines[i])) gaps.push(gap);
  }
  gaps.sort((a, b) => a - b);
  return gaps.length > 0 ? gaps[Math.floor(gaps.length / 2)] : 0;
}

function startsParagraph(previous: Line, line: Line, leading: number): boolean {
  const gap = previous.y - line.y;
  const expected = leading > 0 ? leading : line.height * 1.2;
  return gap <= 0 || !sameSize(previous, line) || gap > expected * 1.4;
}

function sameSize(a: Line, b: Line): boolean {
  return Math.abs(a.height - b.height) <= Math.max(a.height, b.height) * 0.1;
}

function joinLines(text: string, next: string): string {
  if (/\p{L}-$/u.test(text) && /^\p{Ll}/u.test(next)) return text.slice(0, -1) + next;
  return `${text} ${next}`;
}
