import type { ApiClient } from '../api-client';
import type { BankQuestion } from '../answer-keys';
import { uploadDocument, type UploadedDocument } from './documents';

/** Creating questions through the question bank's API. */

type QuestionInput = Omit<BankQuestion, 'id' | 'version'> & {
  stem: string;
  choices: { id: string; text: string }[];
};

/** A question the test created, with the choice that answers it right and one that does not. */
export interface QuestionRef {
  id: string;
  topic: string;
  right: string;
  wrong: string;
}

/** Creates a question through the question bank's API; cites `snippet` from the section holding it. */
export async function createQuestion(
  api: ApiClient,
  input: QuestionInput,
  document?: UploadedDocument,
): Promise<BankQuestion> {
  const { snippet, ...fields } = input;
  let citation: { chunkId: string; snippet: string } | null = null;
  if (snippet) {
    const chunk = document?.chunks.find((c) => c.text.includes(snippet));
    if (!chunk) throw new Error(`no section quotes "${snippet}"`);
    citation = { chunkId: chunk.id, snippet };
  }
  const response = await api.post(
    '/api/questions',
    {
      ...fields,
      ...(document ? { documentId: document.id } : {}),
      ...(citation ? { citation } : {}),
    },
    201,
  );
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
  api: ApiClient,
): Promise<{ documentId: string; bank: BankQuestion[] }> {
  const document = await uploadDocument(api, 'water-cycle.txt', { withChunks: true });
  const bank: BankQuestion[] = [];
  for (const input of WATER_CYCLE) bank.push(await createQuestion(api, input, document));
  return { documentId: document.id, bank };
}

const WORDS = [
  'chlorophyll',
  'stomata',
  'glucose',
  'xylem',
  'phloem',
  'mitosis',
  'enzyme',
  'osmosis',
  'nucleus',
  'ribosome',
  'membrane',
  'photon',
  'carbon',
  'oxygen',
  'nitrogen',
  'vacuole',
  'granum',
  'thylakoid',
  'stroma',
  'cellulose',
  'starch',
  'protein',
  'lipid',
  'pigment',
];

/** Distinct stems, so the question bank's near-duplicate check never merges two test questions. */
function stem(topic: string, index: number): string {
  const a = WORDS[index % WORDS.length];
  const b = WORDS[(index * 7 + 3) % WORDS.length];
  return `In ${topic}, what links ${a} and ${b} in case ${index + 1}?`;
}

/** Creates `count` single-choice questions of a topic for the user, through the questions API. */
export async function createQuestions(
  api: ApiClient,
  topic: string,
  count: number,
  options: { difficulty?: number; documentId?: string; offset?: number } = {},
): Promise<QuestionRef[]> {
  const refs: QuestionRef[] = [];
  for (let i = 0; i < count; i++) {
    const index = (options.offset ?? 0) + i;
    const response = await api.post('/api/questions', {
      type: 'single-choice',
      stem: stem(topic, index),
      choices: [
        { id: 'a', text: `The ${topic} answer number ${index + 1}` },
        { id: 'b', text: `A plausible distractor ${index + 1}` },
      ],
      correctChoiceIds: ['a'],
      topic,
      difficulty: options.difficulty ?? 0.5,
      explanation: `Because of ${topic}.`,
      ...(options.documentId ? { documentId: options.documentId } : {}),
    });
    if (response.status !== 201) {
      throw new Error(
        `creating a question failed: ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    refs.push({ id: response.body.id, topic, right: 'a', wrong: 'b' });
  }
  return refs;
}
