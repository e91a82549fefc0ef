/**
 * Content pipeline benchmark: builds a ~100-page PDF from the fixture prose, then times text
 * extraction, chunking with key terms, and the offline question generator.
 *   npx tsx scripts/bench/content.ts [pages]
 * Prints figures only; it never fails on timing.
 */
import { performance } from 'node:perf_hooks';
import { sniffDocument } from '../../src/documents/extraction/sniff';
import { extractText } from '../../src/documents/extraction/extract';
import { chunkDocument } from '../../src/documents/extraction/chunk';
import { extractKeyTerms } from '../../src/common/text/topics';
import { generateOfflineQuestions } from '../../src/generation/offline/offline-generator';
import { QUESTION_TYPES } from '../../src/questions/question-draft';
import { writePdf } from '../fixtures/pdf-writer';
import { parseSource, readSource, type SourceBlock } from '../fixtures/source-document';
import { readFixture } from '../fixtures/testing';

const RUNS = 3;
const QUESTIONS = 200;

async function main(): Promise<void> {
  const targetPages = Number(process.argv[2] ?? 100);
  const memory = new MemoryPeak();
  const pdf = buildPdf(targetPages);
  console.log(`PDF: ${countPages(pdf)} pages, ${(pdf.length / 1024).toFixed(0)} KiB`);

  const kind = await sniffDocument({
    buffer: pdf,
    filename: 'bench.pdf',
    mimeType: 'application/pdf',
  });
  let pages = 0;
  const extraction = await timeRuns(async () => {
    pages = (await extractText(pdf, kind)).pages.length;
  }, memory);
  report('PDF text extraction (worker thread, incl. start-up)', extraction, pages, 'pages');

  const document = await extractText(pdf, kind);
  let chunkCount = 0;
  let prepared = {
    chunks: [] as ReturnType<typeof toSourceChunks>,
    keyTerms: [] as ReturnType<typeof extractKeyTerms>,
  };
  const preparation = await timeRuns(() => {
    const chunks = toSourceChunks(chunkDocument(document.pages));
    prepared = { chunks, keyTerms: extractKeyTerms(chunks.map((chunk) => chunk.text)) };
    chunkCount = chunks.length;
  }, memory);
  report('Chunking + key terms', preparation, document.pages.length, 'pages');
  console.log(`  ${chunkCount} chunks, ${prepared.keyTerms.length} key terms`);

  let produced = 0;
  const generation = await timeRuns(() => {
    produced = generateOfflineQuestions({
      ...prepared,
      count: QUESTIONS,
      types: QUESTION_TYPES,
      seed: 1,
    }).length;
  }, memory);
  report(
    `Offline generator (${QUESTIONS} requested, all types)`,
    generation,
    produced,
    'questions',
  );

  for (const [name, fixtureKind] of [
    ['french-revolution.docx', 'docx'],
    ['photosynthesis.md', 'markdown'],
  ] as const) {
    const buffer = readFixture(name);
    const small = await timeRuns(async () => void (await extractText(buffer, fixtureKind)), memory);
    console.log(`Extraction of ${name}: ${formatMs(median(small))} median`);
  }

  memory.stop();
  console.log(
    `Peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (whole process, PDF worker included)`,
  );
  console.log(
    `Peak heap used (main thread, sampled): ${(memory.heapUsed / 1024 / 1024).toFixed(0)} MiB`,
  );
}

function buildPdf(targetPages: number): Buffer {
  const prose = [
    ...readSource('french-revolution.txt'),
    ...readSource('plate-tectonics.txt'),
    ...parseSource(readFixture('water-cycle.txt').toString('utf8')),
  ];
  const pagesPerCopy = countPages(writePdf(prose));
  const copies = Math.max(1, Math.round(targetPages / pagesPerCopy));
  const blocks: SourceBlock[] = Array.from({ length: copies }, (_, i) => [
    { kind: 'heading' as const, level: 1, text: `Part ${i + 1}` },
    ...prose,
    { kind: 'page-break' as const },
  ]).flat();
  return writePdf(blocks);
}

function countPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page /g)?.length ?? 0;
}

function toSourceChunks(chunks: ReturnType<typeof chunkDocument>) {
  return chunks.map((chunk) => ({ ...chunk, id: `bench#${chunk.index}` }));
}

async function timeRuns(run: () => unknown, memory: MemoryPeak): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
    memory.sample();
  }
  return times;
}

function report(label: string, times: readonly number[], items: number, unit: string): void {
  const perSecond = (items / median(times)) * 1000;
  console.log(
    `${label}: ${items} ${unit} in ${formatMs(median(times))} median ` +
      `(runs ${times.map(formatMs).join(', ')}) → ${perSecond.toFixed(1)} ${unit}/s`,
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function formatMs(ms: number): string {
  return `${ms.toFixed(0)} ms`;
}

/** Samples the main thread's heap on a timer and after each run (synchronous work blocks the timer). */
class MemoryPeak {
  heapUsed = 0;
  private readonly timer = setInterval(() => this.sample(), 5);

  sample(): void {
    this.heapUsed = Math.max(this.heapUsed, process.memoryUsage().heapUsed);
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }
}

void main();
