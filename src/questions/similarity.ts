import { foldAccents } from '../common/text/normalize';
import { lightStem } from '../common/text/stem';
import { isStopword } from '../common/text/stopwords';
import { tokenize } from '../common/text/tokens';

/** A sparse, L2-normalised TF-IDF vector: term → weight. */
export type TermVector = ReadonlyMap<string, number>;

export interface SimilarityMatch {
  index: number;
  score: number;
}

export interface DuplicateMatch {
  /** Index of the duplicate among the candidates. */
  candidate: number;
  /** What it duplicates: an existing question, or an earlier candidate that was kept. */
  source: 'existing' | 'candidate';
  index: number;
  score: number;
}

/** The terms compared: lowercase, unaccented, without stopwords, lightly stemmed. */
export function similarityTerms(text: string): string[] {
  return tokenize(text)
    .map((token) => foldAccents(token.text.toLowerCase()))
    .filter((word) => !isStopword(word))
    .map(lightStem);
}

/**
 * TF-IDF vectors over a corpus: raw term counts times the smoothed inverse document frequency
 * idf(t) = ln((1 + n) / (1 + df(t))) + 1 (as scikit-learn defines it), normalised to length 1.
 */
export function tfidfVectors(texts: readonly string[]): TermVector[] {
  const documents = texts.map(countTerms);
  const documentFrequency = new Map<string, number>();
  for (const counts of documents) {
    for (const term of counts.keys())
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const idf = (term: string) =>
    Math.log((1 + texts.length) / (1 + (documentFrequency.get(term) ?? 0))) + 1;
  return documents.map((counts) =>
    normalise(new Map([...counts].map(([term, count]) => [term, count * idf(term)]))),
  );
}

/** The cosine of two normalised vectors (their dot product); 0 when either is empty. */
export function cosineSimilarity(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
  return dot;
}

/** The corpus entries at least `threshold` similar to the target, most similar first. */
export function findSimilar(
  target: string,
  corpus: readonly string[],
  threshold = 0.8,
): SimilarityMatch[] {
  const [targetVector, ...vectors] = tfidfVectors([target, ...corpus]);
  return vectors
    .map((vector, index) => ({ index, score: cosineSimilarity(targetVector, vector) }))
    .filter((match) => match.score >= threshold)
    .sort((a, b) => b.score - a.score || a.index - b.index);
}

/**
 * The candidates that repeat an existing question or an earlier kept candidate (at least
 * `threshold` similar), each with its closest match; existing questions win ties.
 */
export function findDuplicates(
  candidates: readonly string[],
  existing: readonly string[],
  threshold = 0.85,
): DuplicateMatch[] {
  const vectors = tfidfVectors([...existing, ...candidates]);
  const existingVectors = vectors.slice(0, existing.length);
  const kept: { index: number; vector: TermVector }[] = [];
  const duplicates: DuplicateMatch[] = [];
  vectors.slice(existing.length).forEach((vector, candidate) => {
    const best = bestMatch(vector, existingVectors, kept);
    if (best !== undefined && best.score >= threshold) duplicates.push({ candidate, ...best });
    else kept.push({ index: candidate, vector });
  });
  return duplicates;
}

function bestMatch(
  vector: TermVector,
  existing: readonly TermVector[],
  kept: readonly { index: number; vector: TermVector }[],
): Omit<DuplicateMatch, 'candidate'> | undefined {
  let best: Omit<DuplicateMatch, 'candidate'> | undefined;
  const consider = (source: DuplicateMatch['source'], index: number, other: TermVector) => {
    const score = cosineSimilarity(vector, other);
    if (best === undefined || score > best.score) best = { source, index, score };
  };
  existing.forEach((other, index) => consider('existing', index, other));
  for (const entry of kept) consider('candidate', entry.index, entry.vector);
  return best;
}

function countTerms(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of similarityTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

function normalise(weights: Map<string, number>): TermVector {
  const length = Math.sqrt([...weights.values()].reduce((sum, weight) => sum + weight * weight, 0));
  if (length === 0) return weights;
  return new Map([...weights].map(([term, weight]) => [term, weight / length]));
}
