/** The messages between the PDF worker thread and the extractor. */

/** One run of text on a page, in PDF user-space units (y grows upwards). */
export interface PdfTextItem {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  endOfLine: boolean;
}

export interface PdfWorkerInput {
  data: Uint8Array;
  maxPages: number;
}

export type PdfFailure = 'password' | 'invalid' | 'too-many-pages';

export type PdfWorkerOutput =
  { ok: true; pages: PdfTextItem[][] } | { ok: false; failure: PdfFailure; detail: string };
