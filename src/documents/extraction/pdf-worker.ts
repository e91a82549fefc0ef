/**
 * Worker-thread entry point: pdf.js parses the untrusted PDF here, away from the main event loop
 * and under the heap limit and timeout the extractor sets, and posts back positioned text.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getDocumentProxy } from 'unpdf';
import type { PdfTextItem, PdfWorkerInput, PdfWorkerOutput } from './pdf-protocol';

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

async function readPdf(input: PdfWorkerInput): Promise<PdfWorkerOutput> {
  let pdf: PdfDocument;
  try {
    pdf = await getDocumentProxy(input.data, {
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    });
  } catch (error) {
    const password = error instanceof Error && error.name === 'PasswordException';
    return { ok: false, failure: password ? 'password' : 'invalid', detail: describe(error) };
  }
  try {
    if (pdf.numPages > input.maxPages) {
      return { ok: false, failure: 'too-many-pages', detail: String(pdf.numPages) };
    }
    return { ok: true, pages: await readPages(pdf) };
  } catch (error) {
    return { ok: false, failure: 'invalid', detail: describe(error) };
  } finally {
    await pdf.destroy();
  }
}

async function readPages(pdf: PdfDocument): Promise<PdfTextItem[][]> {
  const pages: PdfTextItem[][] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    pages.push(content.items.flatMap((item) => ('str' in item ? [toTextItem(item)] : [])));
    page.cleanup();
  }
  return pages;
}

interface PdfJsTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

function toTextItem(item: PdfJsTextItem): PdfTextItem {
  return {
    text: item.str,
    x: item.transform[4],
    y: item.transform[5],
    width: item.width,
    height: item.height,
    endOfLine: item.hasEOL,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

void readPdf(workerData as PdfWorkerInput).then((output) => parentPort?.postMessage(output));
