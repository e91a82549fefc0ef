import MarkdownIt from 'markdown-it';
import type { ExtractedDocument, ExtractedHeading } from './types';

// html: true so raw HTML is parsed into its own tokens, which are then left out.
const parser = new MarkdownIt({ html: true });

const FRONT_MATTER = /^---\r?\n[\s\S]*?\r?\n---\r?\n/;

/**
 * Markdown to plain text: markup is dropped, every heading, paragraph, list item and code block
 * becomes a paragraph of its own, table rows become "cell | cell" lines, images keep their alt
 * text. Headings are also returned for title detection. Markdown has no pages: all is page 1.
 */
export function extractMarkdown(source: string): ExtractedDocument {
  const tokens = parser.parse(source.replace(FRONT_MATTER, ''), {});
  const blocks: string[] = [];
  const headings: ExtractedHeading[] = [];
  let row: string[] | undefined;
  tokens.forEach((token, i) => {
    if (token.type === 'tr_open') row = [];
    else if (token.type === 'tr_close' && row) {
      blocks.push(row.join(' | '));
      row = undefined;
    } else if (token.type === 'fence' || token.type === 'code_block') blocks.push(token.content);
    else if (token.type === 'inline') {
      const text = inlineText(token.children ?? []);
      if (row) row.push(text);
      else blocks.push(text);
      const opening = tokens[i - 1];
      if (opening?.type === 'heading_open')
        headings.push({ page: 1, level: Number(opening.tag.slice(1)), text });
    }
  });
  return { pages: [{ number: 1, text: blocks.join('\n\n') }], headings };
}

function inlineText(children: readonly MarkdownIt.Token[]): string {
  return children
    .map((child) => {
      switch (child.type) {
        case 'text':
        case 'code_inline':
        case 'image':
          return child.content;
        case 'softbreak':
          return ' ';
        case 'hardbreak':
          return '\n';
        default:
          return '';
      }
    })
    .join('');
}
