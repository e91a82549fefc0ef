import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import type { SignedIn, TestApp } from './test-app';

/** A question created for a test, with everything needed to answer it and to spot its key leaking. */
export interface BankQuestion {
  id: string;
  version: number;
  type: 'single-choice' | 'multiple-choice' | 'true-false' | 'short-answer';
  topic: string;
  difficulty: number;
  correctChoiceIds: string[];
  answer: string | null;
  acceptedAnswers: string[];
  explanation: string;
  snippet: string | null;
}

type QuestionInput = Omit<BankQuestion, 'id' | 'version'> & {
  stem: string;
  choices: { id: string; text: string }[];
};

/** Properties that belong to an answer key (or reveal one) and must not appear before it may. */
const KEY_PROPERTIES = new Set([
  'correctChoiceIds',
  'answer',
  'acceptedAnswers',
  'explanation',
  'citation',
  'feedback',
  'correct',
  'credit',
]);

/**
 * Fails if the body shows any part of an answer key: a key property at any depth, or (outside the
 * student's own `given` answer) the text of an explanation, a cited snippet or a short answer of the
 * listed questions.
 */
export function expectNoAnswerKey(
  body: unknown,
  questions: readonly BankQuestion[],
  where = '',
): void {
  const secrets = new Set(
    questions.flatMap((q) =>
      [q.explanation, q.snippet, q.answer, ...q.acceptedAnswers]
        .filter((s): s is string => typeof s === 'string' && s.length > 0)
        .map((s) => s.toLowerCase()),
    ),
  );
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      const lower = value.toLowerCase();
      for (const secret of secrets) {
        if (lower.includes(secret))
          throw new Error(`${where}: answer key text "${secret}" at ${path}`);
      }
      return;
    }
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${path}[${i}]`));
    if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (KEY_PROPERTIES.has(key))
          throw new Error(`${where}: answer key property "${key}" at ${path}`);
        if (key === 'given') continue;
        walk(child, `${path}.${key}`);
      }
    }
  };
  walk(body, '$');
}

/**
 * HTTP calls as one student, each checked against an expected status and, unless told otherwise,
 * against the answer keys of `bank` (every response of a session before its key may be shown).
 */
export class StudentApi {
  constructor(
    private readonly t: TestApp,
    readonly user: SignedIn,
    readonly bank: BankQuestion[] = [],
  ) {}

  get(path: string, expected: number, reveals: Reveal = 'nothing'): Promise<Response> {
    return this.call('get', path, undefined, expected, reveals);
  }

  post(
    path: string,
    body: object,
    expected: number,
    reveals: Reveal = 'nothing',
  ): Promise<Response> {
    return this.call('post', path, body, expected, reveals);
  }

  private async call(
    method: 'get' | 'post',
    path: string,
    body: object | undefined,
    expected: number,
    reveals: Reveal,
  ): Promise<Response> {
    let request = this.t.http()[method](path).set('authorization', this.user.auth);
    if (body !== undefined) request = request.send(body);
    const response = await request;
    if (response.status !== expected) {
      throw new Error(
        `${method.toUpperCase()} ${path}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    if (reveals !== 'everything') {
      const hidden = this.bank.filter(
        (q) =>
          !(reveals as { question?: string }).question ||
          q.id !== (reveals as { question: string }).question,
      );
      if (reveals === 'nothing') expectNoAnswerKey(response.body, hidden, `${method} ${path}`);
      else expectNoAnswerKey(stripFeedback(response.body), hidden, `${method} ${path}`);
    }
    return response;
  }
}

/** What a response may show: nothing of any key, the key of one answered question, or everything. */
export type Reveal = 'nothing' | 'everything' | { question: string };

/** The answer reply without its (allowed) feedback, so the rest can be checked for other keys. */
function stripFeedback(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const rest = { ...(body as Record<string, unknown>) };
  delete rest.feedback;
  return rest;
}

/** Uploads test/fixtures/<name> and returns the document id and its sections. */
export async function uploadWithChunks(
  t: TestApp,
  user: SignedIn,
  name: string,
): Promise<{ documentId: string; chunks: { id: string; text: string }[] }> {
  const file = readFileSync(join(__dirname, '..', 'fixtures', name));
  const upload = await t
    .http()
    .post('/api/documents')
    .set('authorization', user.auth)
    .attach('file', file, name);
  if (upload.status !== 201)
    throw new Error(`upload: ${upload.status} ${JSON.stringify(upload.body)}`);
  const chunks: { id: string; text: string }[] = [];
  let cursor: string | null = null;
  do {
    const page: Response = await t
      .http()
      .get(`/api/documents/${upload.body.id}/chunks?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
      .set('authorization', user.auth)
      .expect(200);
    chunks.push(...page.body.items);
    cursor = page.body.next;
  } while (cursor);
  return { documentId: upload.body.id, chunks };
}

/** Creates a question through the question bank's API; cites `snippet` from the section holding it. */
export async function createQuestion(
  t: TestApp,
  user: SignedIn,
  input: QuestionInput,
  document?: { documentId: string; chunks: { id: string; text: string }[] },
): Promise<BankQuestion> {
  const { snippet, ...fields } = input;
  let citation: { chunkId: string; snippet: string } | null = null;
  if (snippet) {
    const chunk = document?.chunks.find((c) => c.text.includes(snippet));
    if (!chunk) throw new Error(`no section quotes "${snippet}"`);
    citation = { chunkId: chunk.id, snippet };
  }
  const response = await t
    .http()
    .post('/api/questions')
    .set('authorization', user.auth)
    .send({
      ...fields,
      ...(document ? { documentId: document.documentId } : {}),
      ...(citation ? { citation } : {}),
    });
  if (response.status !== 201)
    throw new Error(`question: ${response.status} ${JSON.stringify(response.body)}`);
  const stored = response.body;
  return {
    ...input,
    id: stored.id,
    version: stored.version,
    correctChoiceIds: stored.correctChoiceIds,
    answer: stored.answer,
    acceptedAnswers: stored.acceptedAnswers,
    explanation: stored.explanation,
  };
}

const TRUE_FALSE = [
  { id: 'a', text: 'True' },
  { id: 'b', text: 'False' },
];

/** Six questions on test/fixtures/water-cycle.txt: every type, three topics, three difficulty levels. */
export const WATER_CYCLE: QuestionInput[] = [
  {
    type: 'single-choice',
    stem: 'What drives the water cycle?',
    choices: [
      { id: 'a', text: 'Energy from the Sun' },
      { id: 'b', text: 'The pull of the Moon' },
      { id: 'c', text: 'Wind over the oceans' },
    ],
    correctChoiceIds: ['a'],
    answer: null,
    acceptedAnswers: [],
    topic: 'evaporation',
    difficulty: 0.2,
    explanation: 'Solar heating powers every stage of the cycle.',
    snippet: 'Energy from the Sun drives the cycle',
  },
  {
    type: 'multiple-choice',
    stem: 'Which of these are forms of precipitation?',
    choices: [
      { id: 'a', text: 'Rain' },
      { id: 'b', text: 'Snow' },
      { id: 'c', text: 'Dew' },
      { id: 'd', text: 'Hail' },
    ],
    correctChoiceIds: ['a', 'b', 'd'],
    answer: null,
    acceptedAnswers: [],
    topic: 'precipitation',
    difficulty: 0.5,
    explanation: 'Dew forms on surfaces; it does not fall from clouds.',
    snippet: 'Precipitation can take the form of rain, snow, sleet or hail',
  },
  {
    type: 'true-false',
    stem: 'The oceans supply most of the water vapour in the atmosphere.',
    choices: TRUE_FALSE,
    correctChoiceIds: ['a'],
    answer: null,
    acceptedAnswers: [],
    topic: 'evaporation',
    difficulty: 0.4,
    explanation: 'About 85 percent comes from the oceans.',
    snippet: 'The oceans supply about eighty-five percent of the water vapour in the atmosphere',
  },
  {
    type: 'short-answer',
    stem: 'What is the change of water vapour into liquid droplets called?',
    choices: [],
    correctChoiceIds: [],
    answer: 'Condensation',
    acceptedAnswers: ['condensing'],
    topic: 'clouds',
    difficulty: 0.6,
    explanation: 'Cooling air makes the vapour turn into droplets around specks of dust.',
    snippet: 'This change from gas to liquid is called condensation',
  },
  {
    type: 'short-answer',
    stem: 'What are the layers of porous rock that store groundwater called?',
    choices: [],
    correctChoiceIds: [],
    answer: 'Aquifers',
    acceptedAnswers: ['aquifer'],
    topic: 'precipitation',
    difficulty: 0.8,
    explanation: 'Infiltrated water is held underground in porous rock.',
    snippet: 'stored in layers of porous rock called aquifers',
  },
  {
    type: 'single-choice',
    stem: 'Where is about two thirds of all fresh water held?',
    choices: [
      { id: 'a', text: 'Glaciers and ice sheets' },
      { id: 'b', text: 'Rivers' },
      { id: 'c', text: 'Lakes' },
    ],
    correctChoiceIds: ['a'],
    answer: null,
    acceptedAnswers: [],
    topic: 'clouds',
    difficulty: 0.9,
    explanation: 'Antarctica and Greenland hold most frozen fresh water.',
    snippet: 'hold about two thirds of all fresh water',
  },
];

/** Uploads the water-cycle document and creates the six questions on it for the user. */
export async function waterCycleBank(
  t: TestApp,
  user: SignedIn,
): Promise<{ documentId: string; bank: BankQuestion[] }> {
  const document = await uploadWithChunks(t, user, 'water-cycle.txt');
  const bank: BankQuestion[] = [];
  for (const input of WATER_CYCLE) bank.push(await createQuestion(t, user, input, document));
  return { documentId: document.documentId, bank };
}
