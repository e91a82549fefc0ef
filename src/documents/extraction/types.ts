/** The document formats the platform reads. */
export type DocumentKind = 'pdf' | 'docx' | 'markdown' | 'text';

/** One page of extracted text; `number` is the page number a reader sees (from 1). */
export interface ExtractedPage {
  number: number;
  text: string;
}

/** A heading the format marked as such (Markdown `#`, Word heading styles). */
export interface ExtractedHeading {
  page: number;
  level: number;
  text: string;
}

export interface ExtractedDocument {
  pages: ExtractedPage[];
  headings: ExtractedHeading[];
}
