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
