import { splitSentences } from './sentences';
import { isStopword } from './stopwords';
import {
  areAdjacent,
  containsPhrase,
  phraseKey,
  phrasesOverlap,
  tokenize,
  wordKey,
  type Token,
} from './tokens';

/**
 * What a key term is, so that a question's distractors can be terms of the same kind:
 * `proper` capitalised names ("Louis XVI", "Mid-Atlantic Ridge"), `acronym` all-capital words
 * ("ATP"), `year` four-digit years, `concept` common noun phrases ("carbon dioxide").
 */
export type KeyTermKind = 'concept' | 'proper' | 'acronym' | 'year';

export interface KeyTerm {
  /** The most frequent written form. */
  text: string;
  /** The matching form (see `phraseKey`); occurrences in other texts are found by it. */
  key: string;
  kind: KeyTermKind;
  count: number;
  /** In how many of the sections it appears. */
  sectionCount: number;
  score: number;
  /** Every written form seen, most frequent first. */
  variants: string[];
}

export interface KeyTermOptions {
  limit: number;
}

const DEFAULT_LIMIT = 80;
const MAX_CONCEPT_WORDS = 3;
// Words that may join capitalised words into one name: "Reign of Terror", "Charles de Gaulle".
const NAME_CONNECTORS = new Set('of the de du des la le von van der da di'.split(' '));
// A determiner right after a phrase suggests its last word was a verb ("plants absorb the").
const DETERMINERS = new Set('the a an this these those its their his her our'.split(' '));
// Words that come right before nouns: a word never seen after one of these is likely a verb.
const NOUN_MARKERS = new Set([
  ...DETERMINERS,
  ...`
  each every some many much any no of in on by with from into through between about for at over
  under inside across around within during per beneath below above onto towards against among
`
    .trim()
    .split(/\s+/),
]);
const CALENDAR_WORDS = new Set(
  `
  january february march april may june july august september october november december monday
  tuesday wednesday thursday friday saturday sunday
`
    .trim()
    .split(/\s+/),
);
const KIND_WEIGHT: Readonly<Record<KeyTermKind, number>> = {
  proper: 1.2,
  acronym: 1,
  concept: 1,
  year: 0.6,
};

/**
 * Ranks the key terms of a document given as sections (its chunks). Candidates are capitalised
 * names, acronyms, years and runs of up to three content words; a term's salience is
 * count × ln(1 + sections / sections containing it) × (1 + 0.5 per extra word) × a kind weight,
 * a TF-IDF in which the sections play the documents. Shorter terms mostly seen inside a longer
 * one ("dioxide" in "carbon dioxide") are dropped. The order is deterministic.
 */
export function extractKeyTerms(
  sections: readonly string[],
  options: Partial<KeyTermOptions> = {},
): KeyTerm[] {
  const sentences = sections.map((section) => sentenceTokens(section));
  const vocabulary = collectVocabulary(sentences.flat());
  const tallies = new Map<string, Tally>();
  sentences.forEach((sectionSentences, section) => {
    for (const sentence of sectionSentences) {
      for (const candidate of sentenceCandidates(sentence, vocabulary))
        record(tallies, candidate, section);
    }
  });
  const terms = [...tallies.values()]
    .filter((tally) => isAcceptable(tally, vocabulary))
    .map((tally) => toKeyTerm(tally, sections.length))
    .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  return dropSubsumed(terms).slice(0, options.limit ?? DEFAULT_LIMIT);
}

/** The names of the main topics: the best-ranked terms other than years, without overlaps. */
export function detectTopics(terms: readonly KeyTerm[], limit = 8): string[] {
  const chosen: KeyTerm[] = [];
  const recurring = terms.filter((term) => term.kind !== 'year' && term.count >= 2);
  for (const term of recurring) {
    if (chosen.length === limit) break;
    if (!chosen.some((topic) => phrasesOverlap(topic.key, term.key))) chosen.push(term);
  }
  return chosen.map((term) => term.text);
}

interface SentenceTokens {
  text: string;
  tokens: Token[];
}

interface Candidate {
  key: string;
  surface: string;
  kind: KeyTermKind;
  words: number;
  /** For concepts: whether this occurrence looks like the head of a noun phrase. */
  nounLike: boolean;
}

interface Tally {
  key: string;
  kind: KeyTermKind;
  words: number;
  count: number;
  nounLike: boolean;
  sections: Set<number>;
  surfaces: Map<string, number>;
}

/** Facts about the whole document that decide how a sentence's first word is read. */
interface Vocabulary {
  /** Keys of names seen capitalised away from the start of a sentence. */
  midSentenceNames: Set<string>;
  /** Keys of words seen right after a determiner or preposition. */
  afterNounMarkers: Set<string>;
}

function sentenceTokens(text: string): SentenceTokens[] {
  return splitSentences(text).map((span) => {
    const sentence = text.slice(span.start, span.end);
    return { text: sentence, tokens: tokenize(sentence) };
  });
}

function collectVocabulary(sentences: readonly SentenceTokens[]): Vocabulary {
  const vocabulary: Vocabulary = { midSentenceNames: new Set(), afterNounMarkers: new Set() };
  for (const sentence of sentences) {
    sentence.tokens.forEach((token, i) => {
      const previous = sentence.tokens[i - 1];
      if (previous && NOUN_MARKERS.has(previous.text.toLowerCase()))
        vocabulary.afterNounMarkers.add(wordKey(token.text));
    });
    if (isHeading(sentence)) continue;
    for (const run of nameRuns(sentence)) {
      if (run[0] !== sentence.tokens[0])
        vocabulary.midSentenceNames.add(phraseKey(run.map((t) => t.text)));
    }
  }
  return vocabulary;
}

function sentenceCandidates(sentence: SentenceTokens, vocabulary: Vocabulary): Candidate[] {
  const names = nameRuns(sentence).filter((run) => isName(run, sentence, vocabulary));
  const inNames = new Set(names.flat());
  return [
    ...names.map((run) => nameCandidate(sentence.text, run)),
    ...sentence.tokens.filter((token) => !inNames.has(token)).flatMap(acronymOrYear),
    ...conceptRuns(sentence, inNames).flatMap((run) => conceptCandidates(sentence, run)),
  ];
}

/** Maximal runs of capitalised words, joined by connectors such as "of the". */
function nameRuns(sentence: SentenceTokens): Token[][] {
  const { tokens, text } = sentence;
  const runs: Token[][] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!startsName(tokens[i])) {
      i++;
      continue;
    }
    const run = [tokens[i]];
    let j = i + 1;
    while (j < tokens.length) {
      const connectors = leadingConnectors(tokens, j);
      const next = tokens[j + connectors];
      if (
        next === undefined ||
        !continuesName(next) ||
        !allAdjacent(text, tokens, j - 1, j + connectors)
      )
        break;
      run.push(...tokens.slice(j, j + connectors + 1));
      j += connectors + 1;
    }
    runs.push(run);
    i = j;
  }
  return runs;
}

function startsName(token: Token): boolean {
  const lower = token.text.toLowerCase();
  return /^\p{Lu}\p{Ll}/u.test(token.text) && !isStopword(lower) && !CALENDAR_WORDS.has(lower);
}

function continuesName(token: Token): boolean {
  return startsName(token) || isAcronym(token.text);
}

function leadingConnectors(tokens: readonly Token[], from: number): number {
  let count = 0;
  while (count < 2 && NAME_CONNECTORS.has(tokens[from + count]?.text ?? '')) count++;
  return count;
}

function allAdjacent(text: string, tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!areAdjacent(text, tokens[k], tokens[k + 1])) return false;
  return true;
}

/**
 * Capitalisation proves a name only mid-sentence: a run that opens a sentence or sits in a
 * heading counts only if the document also capitalises it mid-sentence ("Evaporation is…",
 * "The Water Cycle"). Longer runs opening a sentence ("Alfred Wegener proposed") are names.
 */
function isName(run: readonly Token[], sentence: SentenceTokens, vocabulary: Vocabulary): boolean {
  const opensSentence = run[0] === sentence.tokens[0];
  if (!isHeading(sentence) && (!opensSentence || run.length > 1)) return true;
  return vocabulary.midSentenceNames.has(phraseKey(run.map((t) => t.text)));
}

function isHeading(sentence: SentenceTokens): boolean {
  return !/[.!?]["'”’)]?$/.test(sentence.text);
}

function nameCandidate(text: string, run: readonly Token[]): Candidate {
  const surface = text.slice(run[0].start, run[run.length - 1].end);
  const words = run.filter((token) => !NAME_CONNECTORS.has(token.text)).length;
  return { key: phraseKey(run.map((t) => t.text)), surface, kind: 'proper', words, nounLike: true };
}

function isAcronym(word: string): boolean {
  return /^\p{Lu}[\p{Lu}\d]+$/u.test(word);
}

function acronymOrYear(token: Token): Candidate[] {
  if (isAcronym(token.text)) {
    return [
      { key: wordKey(token.text), surface: token.text, kind: 'acronym', words: 1, nounLike: true },
    ];
  }
  if (/^(?:1\d{3}|20\d{2})$/.test(token.text)) {
    return [{ key: token.text, surface: token.text, kind: 'year', words: 1, nounLike: true }];
  }
  return [];
}

/** Maximal runs of adjacent content words outside names. */
function conceptRuns(sentence: SentenceTokens, inNames: ReadonlySet<Token>): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  sentence.tokens.forEach((token, i) => {
    const previous = run[run.length - 1];
    const contentWord = !inNames.has(token) && isContentWord(token, i === 0);
    if (contentWord && previous && areAdjacent(sentence.text, previous, token)) {
      run.push(token);
      return;
    }
    if (run.length > 0) runs.push(run);
    run = contentWord ? [token] : [];
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

function isContentWord(token: Token, opensSentence: boolean): boolean {
  const startsLower =
    /^\p{Ll}/u.test(token.text) || (opensSentence && /^\p{Lu}\p{Ll}*$/u.test(token.text));
  return startsLower && /^[\p{L}-]{3,}$/u.test(token.text) && !isStopword(token.text.toLowerCase());
}

function conceptCandidates(sentence: SentenceTokens, run: readonly Token[]): Candidate[] {
  const runEnd = run[run.length - 1];
  const following = sentence.tokens[sentence.tokens.indexOf(runEnd) + 1];
  const beforeDeterminer = following !== undefined && DETERMINERS.has(following.text.toLowerCase());
  const candidates: Candidate[] = [];
  for (let from = 0; from < run.length; from++) {
    for (let to = from + 1; to <= Math.min(run.length, from + MAX_CONCEPT_WORDS); to++) {
      const words = run.slice(from, to);
      if (!isConceptShape(words)) continue;
      const surface = sentence.text.slice(words[0].start, words[words.length - 1].end);
      candidates.push({
        key: phraseKey(words.map((t) => t.text)),
        surface: words[0] === sentence.tokens[0] ? lowercaseFirst(surface) : surface,
        kind: 'concept',
        words: words.length,
        nounLike: to === run.length && !beforeDeterminer,
      });
    }
  }
  return candidates;
}

function isConceptShape(words: readonly Token[]): boolean {
  const last = words[words.length - 1].text;
  return (words.length > 1 || last.length >= 4) && !/ly$/.test(last);
}

function lowercaseFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function record(tallies: Map<string, Tally>, candidate: Candidate, section: number): void {
  const id = `${candidate.kind}:${candidate.key}`;
  let tally = tallies.get(id);
  if (tally === undefined) {
    tally = {
      key: candidate.key,
      kind: candidate.kind,
      words: candidate.words,
      count: 0,
      nounLike: false,
      sections: new Set(),
      surfaces: new Map(),
    };
    tallies.set(id, tally);
  }
  tally.count++;
  tally.nounLike ||= candidate.nounLike;
  tally.sections.add(section);
  tally.surfaces.set(candidate.surface, (tally.surfaces.get(candidate.surface) ?? 0) + 1);
}

/**
 * Without a part-of-speech tagger, concepts must look like nouns: a phrase ending where its run of
 * content words ends, a single word seen after a determiner or preposition, a longer phrase that
 * recurs and does not end in a likely verb ("oceanic plate sinks").
 */
function isAcceptable(tally: Tally, vocabulary: Vocabulary): boolean {
  if (tally.kind !== 'concept') return true;
  if (!tally.nounLike) return false;
  const lastKey = tally.key.slice(tally.key.lastIndexOf(' ') + 1);
  const afterMarker = vocabulary.afterNounMarkers.has(lastKey);
  if (tally.words === 1) return afterMarker;
  const lastWord = mostFrequent(tally.surfaces).split(' ').at(-1) ?? '';
  return tally.count >= 2 && (afterMarker || !/(?:[^siu]s|ed)$/.test(lastWord));
}

function mostFrequent(counts: ReadonlyMap<string, number>): string {
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

function toKeyTerm(tally: Tally, sectionTotal: number): KeyTerm {
  const variants = [...tally.surfaces.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([surface]) => surface);
  const idf = Math.log(1 + sectionTotal / tally.sections.size);
  const score = tally.count * idf * (1 + 0.5 * (tally.words - 1)) * KIND_WEIGHT[tally.kind];
  return {
    text: variants[0],
    key: tally.key,
    kind: tally.kind,
    count: tally.count,
    sectionCount: tally.sections.size,
    score,
    variants,
  };
}

function dropSubsumed(terms: readonly KeyTerm[]): KeyTerm[] {
  return terms.filter(
    (term) =>
      !terms.some(
        (longer) =>
          longer.key.length > term.key.length &&
          containsPhrase(longer.key, term.key) &&
          longer.count >= 0.8 * term.count,
      ),
  );
}
