/**
 * Which question a prompt is, by its text: a team may reword a prompt, fix a typo, number it or
 * translate a word, and it is still the same question. Texts are normalised (case, accents,
 * markdown and punctuation, the word QUESTION and its number, common words) and compared by the Dice
 * coefficient of their character trigrams (2|A∩B| / (|A| + |B|), sets of 3-letter substrings):
 * 1 for the same text, about 0.6 to 0.9 for a reworded one, under 0.35 between two different
 * prompts of the course's template (prompt-match.test.ts measures both).
 */

/** Two prompts are the same question at this similarity or above. */
export const SAME_PROMPT = 0.5;

/** The text reduced to lower-case words: no accents, markdown, punctuation or QUESTION label. */
export function normalisePrompt(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/^[^a-z0-9]*question\s*[0-9]*[a-z]?\b/, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Words every prompt uses ("what", "the", "de"): left out of the comparison, where they would
 * make any two prompts look alike.
 */
const COMMON_WORDS = new Set(
  (
    "a an and are as at be by can do does for from how in is it its of on or so that the their " +
    "them then there this to was what when where which who why will with you your " +
    "de des du en est et la le les ou pour que qu quel quelle un une"
  ).split(" "),
);

function trigrams(normalised: string): Set<string> {
  const words = normalised.split(" ").filter((word) => !COMMON_WORDS.has(word));
  const padded = `  ${words.join(" ")} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i += 1) grams.add(padded.slice(i, i + 3));
  return grams;
}

/** The Dice coefficient of two texts' trigrams, after normalising both: 0 to 1. */
export function promptSimilarity(a: string, b: string): number {
  const left = trigrams(normalisePrompt(a));
  const right = trigrams(normalisePrompt(b));
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared += 1;
  return (2 * shared) / (left.size + right.size);
}

/**
 * Pairs prompts with questions one to one, the most similar pairs first (ties: the closer in
 * order), none below SAME_PROMPT. Returns, for each prompt, the question's index or -1.
 */
export function matchPrompts(prompts: string[], questions: string[]): number[] {
  const pairs: { p: number; q: number; score: number }[] = [];
  prompts.forEach((prompt, p) => {
    questions.forEach((question, q) => {
      const score = promptSimilarity(prompt, question);
      if (score >= SAME_PROMPT) pairs.push({ p, q, score });
    });
  });
  pairs.sort((x, y) => y.score - x.score || Math.abs(x.p - x.q) - Math.abs(y.p - y.q));
  const byPrompt = prompts.map(() => -1);
  const taken = new Set<number>();
  for (const { p, q } of pairs) {
    if (byPrompt[p] !== -1 || taken.has(q)) continue;
    byPrompt[p] = q;
    taken.add(q);
  }
  return byPrompt;
}
