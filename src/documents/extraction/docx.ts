import mammoth from 'mammoth';
import { ContentRejectedError } from './errors';
import type { ExtractedDocument, ExtractedHeading } from './types';

/** The parts of mammoth's document model (see its "document transforms") that carry text. */
interface WordNode {
  type: string;
  children: WordNode[];
  value?: string;
  breakType?: string;
  styleId?: string;
  styleName?: string;
}

/**
 * Reads a DOCX (already checked by the DOCX guard) through mammoth's document model, as mammoth's
 * raw-text output does, but keeping explicit page breaks as pages and heading styles as headings.
 */
export async function extractDocx(buffer: Buffer): Promise<ExtractedDocument> {
  let root: unknown;
  try {
    await mammoth.convertToHtml(
      { buffer },
      {
        transformDocument: (document: unknown) => (root = document),
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
  } catch {
    throw new ContentRejectedError(
      'corrupt',
      'The Word document cannot be read: its XML is damaged.',
    );
  }
  return collectPages(toWordNode(root));
}

function collectPages(root: WordNode): ExtractedDocument {
  const pages: string[][] = [[]];
  const headings: ExtractedHeading[] = [];
  let paragraph = '';
  const endParagraph = () => {
    pages[pages.length - 1].push(paragraph);
    paragraph = '';
  };
  const visit = (node: WordNode): void => {
    if (node.type === 'text') paragraph += node.value ?? '';
    else if (node.type === 'tab') paragraph += '\t';
    else if (node.type === 'break' && node.breakType === 'page') {
      endParagraph();
      pages.push([]);
    } else if (node.type === 'break') paragraph += '\n';
    else node.children.forEach(visit);
    if (node.type !== 'paragraph') return;
    const level = headingLevel(node);
    if (level !== undefined && paragraph.trim() !== '') {
      headings.push({ page: pages.length, level, text: paragraph.trim() });
    }
    endParagraph();
  };
  visit(root);
  return {
    pages: pages.map((paragraphs, i) => ({ number: i + 1, text: paragraphs.join('\n\n') })),
    headings,
  };
}

function headingLevel(paragraph: WordNode): number | undefined {
  const style = paragraph.styleName ?? paragraph.styleId ?? '';
  if (/^title$/i.test(style)) return 1;
  const level = /^heading\s?([1-9])$/i.exec(style)?.[1];
  return level === undefined ? undefined : Number(level);
}

function toWordNode(value: unknown): WordNode {
  if (
    typeof value !== 'object' ||
    value === null ||
    !('type' in value) ||
    typeof value.type !== 'string'
  ) {
    throw new ContentRejectedError('corrupt', 'The Word document cannot be read.');
  }
  const children = 'children' in value && Array.isArray(value.children) ? value.children : [];
  return {
    type: value.type,
    children: children.map(toWordNode),
    value: stringField(value, 'value'),
    breakType: stringField(value, 'breakType'),
    styleId: stringField(value, 'styleId'),
    styleName: stringField(value, 'styleName'),
  };
}

function stringField(value: object, field: string): string | undefined {
  const entry: unknown = Object.getOwnPropertyDescriptor(value, field)?.value;
  return typeof entry === 'string' ? entry : undefined;
}
