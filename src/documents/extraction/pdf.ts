import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ContentRejectedError } from './errors';
import { layoutPageText } from './pdf-layout';
import type { PdfWorkerInput, PdfWorkerOutput } from './pdf-protocol';
import type { ExtractedPage } from './types';

export interface PdfLimits {
  maxPages: number;
  /** Wall-clock limit for parsing, against PDFs built to make pdf.js spin. */
  timeoutMs: number;
  /** Heap limit of the worker thread. */
  maxHeapMb: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { maxPages: 2000, timeoutMs: 60_000, maxHeapMb: 512 };

// From TypeScript sources (tests, tsx scripts) the worker is compiled on the fly by tsx.
const WORKER_FILE = join(__dirname, `pdf-worker${extname(__filename)}`);
const WORKER_EXEC_ARGV = extname(__filename) === '.ts' ? ['--require', 'tsx/cjs'] : [];

/** Reads the text of each page of a PDF, in a worker thread with a heap limit and a timeout. */
export async function extractPdfPages(
  buffer: Uint8Array,
  limits: Partial<PdfLimits> = {},
): Promise<ExtractedPage[]> {
  const effective: PdfLimits = { ...DEFAULT_PDF_LIMITS, ...limits };
  const output = await runWorker({ data: buffer, maxPages: effective.maxPages }, effective);
  if (!output.ok) throw rejectionFor(output, effective);
  return output.pages.map((items, i) => ({ number: i + 1, text: layoutPageText(items) }));
}

function runWorker(input: PdfWorkerInput, limits: PdfLimits): Promise<PdfWorkerOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, {
      workerData: input,
      execArgv: WORKER_EXEC_ARGV,
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(tooLarge(`it took longer than ${limits.timeoutMs / 1000} s to read`));
    }, limits.timeoutMs);
    const settle = (action: () => void) => {
      clearTimeout(timer);
      action();
    };
    worker.once('message', (output: PdfWorkerOutput) => settle(() => resolve(output)));
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? tooLarge('it needs too much memory to read')
            : error,
        ),
      ),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`PDF worker exited with code ${code}`))),
    );
  });
}

function rejectionFor(
  output: Extract<PdfWorkerOutput, { ok: false }>,
  limits: PdfLimits,
): ContentRejectedError {
  switch (output.failure) {
    case 'password':
      return new ContentRejectedError(
        'encrypted-pdf',
        'The PDF is password-protected; upload a copy without a password.',
      );
    case 'too-many-pages':
      return tooLarge(`it has ${output.detail} pages (the limit is ${limits.maxPages})`);
    case 'invalid':
      return new ContentRejectedError('corrupt', 'The PDF is damaged and cannot be read.');
  }
}

function tooLarge(detail: string): ContentRejectedError {
  return new ContentRejectedError('too-large', `The PDF was refused: ${detail}.`);
}
