/**
 * What "a small typo per word" means for search. A query word matches a known (folded) word within
 * this many edits — insert, delete, substitute, or swap two adjacent letters — decided by the shorter
 * of the two words:
 * - 1 or 2 letters: exact only. "ba", "bo", "ca" are whole words, and one edit would make any of
 *   them reach a crowd of others ("bac", "ban", "bao", "bai"...).
 * - 3 to 7 letters: one edit: "tre" for "tra", "mcu" for "muc", "bah" for "banh". A 3-letter query
 *   word that is itself known is taken as meant (`nearSpellings`).
 * - 8 letters or more: two edits (rare in Vietnamese, where a syllable has at most 7 letters).
 * The rule is symmetric: misspelling X for Y finds Y exactly when misspelling Y for X would find X.
 *
 * The database stores, for every known word, the keys that find its candidates (the
 * SearchTypoKeys migration's `ocop_typo_keys`, deletions at the same length thresholds); this is
 * the check that keeps only the candidates truly within budget.
 */
/** Up to this many letters, a query word found as it is in the vocabulary gets no typo budget. */
const KNOWN_SHORT_WORD_IS_EXACT = 3;

export function typoBudget(a: string, b: string): number {
  const shorter = Math.min([...a].length, [...b].length);
  return shorter >= 8 ? 2 : shorter >= 3 ? 1 : 0;
}

/**
 * Edit distance with adjacent swaps counted as one edit (optimal string alignment; the same as
 * Damerau–Levenshtein for one edit), or `max + 1` as soon as it is certain to exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        d = Math.min(d, beforePrevious[j - 2] + 1);
      }
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    // Once a whole row exceeds `max`, every later row does too (a swap reaches back two rows, but
    // only to cells at most one edit cheaper than the row in between).
    if (rowMin > max) return max + 1;
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[t.length], max + 1);
}

/**
 * The candidates within a small typo of the query word, the word itself first, then the nearest,
 * then alphabetically (so the same vocabulary always gives the same expansion), at most `limit`.
 */
export function nearSpellings(word: string, candidates: Iterable<string>, limit: number): string[] {
  const known = new Set(candidates);
  // A short word that is itself a known word is taken as meant: "mat" (mật) stays honey and does
  // not also reach "mam" (mắm). Short words are too dense for their neighbours to be likely slips.
  if ([...word].length <= KNOWN_SHORT_WORD_IS_EXACT && known.has(word)) return [word];
  const near: Array<{ candidate: string; distance: number }> = [];
  for (const candidate of known) {
    const budget = typoBudget(word, candidate);
    const distance = editDistance(word, candidate, budget);
    if (distance <= budget) near.push({ candidate, distance });
  }
  return near
    .sort(
      (a, b) =>
        a.distance - b.distance || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0),
    )
    .slice(0, limit)
    .map((n) => n.candidate);
}
