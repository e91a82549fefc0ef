import type { KeyTerm } from '../../common/text/topics';
import { phraseKey, phrasesOverlap, tokenize } from '../../common/text/tokens';
import type { Fact } from './facts';

/**
 * `terms` are the question's own terms; when `termsAreAnswers` (cloze, single choice, true/false
 * substitutions) the topic must not reveal them, otherwise (a stem that names the term) the topic
 * that is the term itself comes first.
 */
export type TopicResolver = (
  terms: readonly KeyTerm[],
  facts: readonly Fact[],
  termsAreAnswers?: boolean,
) => string;

/** Topic of a question whose every document topic would give its answer away. */
export const FALLBACK_TOPIC = 'general';

/**
 * Gives each question one of the document's topics, never one that overlaps the question's answer
 * terms (a topic "plates" on "…called tectonic _____" would give the key away): the best-ranked
 * topic its sentences mention, else the one its chunk mentions, else the document's first such
 * topic, else "general". A question whose stem names its term (not its answer) takes that term's topic.
 */
export function topicResolver(topics: readonly string[], allFacts: readonly Fact[]): TopicResolver {
  const ranked = topics.map((text) => ({
    text,
    key: phraseKey(tokenize(text).map((token) => token.text)),
  }));
  const chunkTerms = new Map<number, Set<string>>();
  for (const fact of allFacts) {
    const keys = chunkTerms.get(fact.chunk.index) ?? new Set<string>();
    for (const occurrence of fact.occurrences) keys.add(occurrence.term.key);
    chunkTerms.set(fact.chunk.index, keys);
  }
  return (terms, facts, termsAreAnswers = true) => {
    const mentioned = new Set(
      facts.flatMap((fact) => fact.occurrences.map((occurrence) => occurrence.term.key)),
    );
    const inChunk = chunkTerms.get(facts[0]?.chunk.index ?? -1) ?? new Set<string>();
    const allowed = ranked.filter(
      (candidate) => !terms.some((term) => phrasesOverlap(term.key, candidate.key)),
    );
    const own = termsAreAnswers
      ? undefined
      : ranked.find((candidate) => terms.some((term) => phrasesOverlap(term.key, candidate.key)));
    const topic =
      own ??
      allowed.find((candidate) => mentioned.has(candidate.key)) ??
      allowed.find((candidate) => inChunk.has(candidate.key)) ??
      allowed[0];
    return topic?.text ?? FALLBACK_TOPIC;
  };
}
