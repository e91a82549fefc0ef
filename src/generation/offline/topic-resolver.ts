import type { KeyTerm } from '../../common/text/topics';
import { phraseKey, phrasesOverlap, tokenize } from '../../common/text/tokens';
import type { Fact } from './facts';

export type TopicResolver = (terms: readonly KeyTerm[], facts: readonly Fact[]) => string;

/**
 * Gives each question one of the document's topics: the topic that is the question's own term,
 * else the best-ranked topic its sentences mention, else the one its chunk mentions, else the
 * document's first topic (or, without topics, the question's term).
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
  return (terms, facts) => {
    const mentioned = new Set(
      facts.flatMap((fact) => fact.occurrences.map((occurrence) => occurrence.term.key)),
    );
    const inChunk = chunkTerms.get(facts[0]?.chunk.index ?? -1) ?? new Set<string>();
    const topic =
      ranked.find((candidate) => terms.some((term) => phrasesOverlap(term.key, candidate.key))) ??
      ranked.find((candidate) => mentioned.has(candidate.key)) ??
      ranked.find((candidate) => inChunk.has(candidate.key)) ??
      ranked[0];
    return topic?.text ?? terms[0]?.text ?? '';
  };
}
