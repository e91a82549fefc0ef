import { eng } from 'stopword';

/**
 * The `stopword` package's English list is short (about a hundred words); these add the remaining
 * function words and the generic verbs, adverbs and nouns of expository prose ("called", "often",
 * "example") that never make a good key term or a useful similarity signal.
 */
const EXTRA_STOPWORDS = `
  against along although among around away back become becomes became below beyond called cannot
  certain different does done down during either else enough especially etc even ever every
  example examples few first found further gave give given gives going gone great hers however
  important include included includes including instead itself just kind known large last later
  least less let made mainly makes making may mine mostly myself near need needs neither new next
  nor not off often old once one ones onto others otherwise ours own part parts per perhaps quite
  rather really say says second see seen several shall she simply small so something sometimes
  soon thing things thus together toward towards two type types uses upon us use used using
  usually various when whenever whether whom whose why will within without yet yours takes took
  taken taking three four five six seven eight nine ten hundred thousand thousands million
  millions billion billions half almost already always nearly roughly therefore
`
  .trim()
  .split(/\s+/);

const STOPWORDS: ReadonlySet<string> = new Set([...eng, ...EXTRA_STOPWORDS]);

/** True for function words and generic words; expects a lowercase word. */
export function isStopword(lowercaseWord: string): boolean {
  return STOPWORDS.has(lowercaseWord);
}
