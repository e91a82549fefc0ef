/**
 * A light English stemmer for matching, not display: it folds plurals and the common -ing, -ed,
 * -ly and final -e endings so that "evaporate", "evaporates", "evaporated" and "evaporating"
 * share one key. Short words (three letters or fewer) are left alone.
 */
export function lightStem(word: string): string {
  if (word.length <= 3) return word;
  return stripFinalE(stripVerbEnding(stripPlural(word)));
}

function stripPlural(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (/(?:sh|ch|x|z|s)es$/.test(word)) return word.slice(0, -2);
  if (/[^sui]s$/.test(word)) return word.slice(0, -1);
  return word;
}

function stripVerbEnding(word: string): string {
  for (const suffix of ['ing', 'ed', 'ly']) {
    const stem = word.slice(0, -suffix.length);
    if (word.endsWith(suffix) && stem.length >= 4 && /[aeiouy]/.test(stem)) return stem;
  }
  return word;
}

function stripFinalE(word: string): string {
  return word.length > 4 && word.endsWith('e') ? word.slice(0, -1) : word;
}
