/** A range of a string: `text.slice(start, end)`. */
export interface TextSpan {
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// ICU ends a sentence after these; the next word belongs to the same sentence.
const ABBREVIATIONS = new Set(
  `
  mr mrs ms dr prof st sr jr mt ft gen col capt lt sgt rev gov sen rep fig figs vol pp cf approx
  vs jan feb mar apr jun jul aug sep sept oct nov dec
`
    .trim()
    .split(/\s+/),
);

/**
 * Splits text into sentences. Each line is split on its own, so a sentence never crosses a line
 * break; spans are trimmed and empty ones dropped.
 */
export function splitSentences(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    spans.push(...splitLine(line).map((span) => shift(span, lineStart)));
    lineStart += line.length + 1;
  }
  return spans;
}

function splitLine(line: string): TextSpan[] {
  const merged: TextSpan[] = [];
  for (const segment of segmenter.segment(line)) {
    const span = trimSpan(line, segment.index, segment.index + segment.segment.length);
    if (span.end === span.start) continue;
    const previous = merged.at(-1);
    if (previous && endsWithAbbreviation(line.slice(previous.start, previous.end))) {
      previous.end = span.end;
    } else {
      merged.push(span);
    }
  }
  return merged;
}

function endsWithAbbreviation(sentence: string): boolean {
  const lastWord = /(?:^|\s)\(?([\p{L}]+)\.$/u.exec(sentence)?.[1];
  if (lastWord === undefined) return false;
  // A capital initial ("J. R. Tolkien"), but not the Roman numeral or pronoun "I".
  const isInitial = /^[A-HJ-Z]$/.test(lastWord);
  return isInitial || ABBREVIATIONS.has(lastWord.toLowerCase());
}

function trimSpan(text: string, start: number, end: number): TextSpan {
  let from = start;
  let to = end;
  while (from < to && /\s/.test(text[from])) from++;
  while (to > from && /\s/.test(text[to - 1])) to--;
  return { start: from, end: to };
}

function shift(span: TextSpan, offset: number): TextSpan {
  return { start: span.start + offset, end: span.end + offset };
}
