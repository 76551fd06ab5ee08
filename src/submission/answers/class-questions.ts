/**
 * The questions of a class without a template: prompts matched across the teams' notebooks. Each
 * team's prompts are paired with the questions found so far (./prompt-match.ts); a prompt that
 * pairs with none is a new question. A question's text is the wording most teams kept (ties: the
 * first seen), so one team's edit does not rename it, and the questions are ordered by where
 * they sit on average in the notebooks that have them.
 */

import { matchPrompts, normalisePrompt } from "./prompt-match.js";
import type { FoundPrompt } from "./prompts.js";

export interface QuestionText {
  prompt: string;
  section?: string;
}

interface Cluster {
  /** The texts seen, by normalised text: the first original and how many teams used it. */
  wordings: Map<string, { prompt: FoundPrompt; count: number }>;
  /** The first text seen: what later prompts are compared with. */
  first: string;
  /** Each team's position of the prompt, as a fraction of its prompts. */
  positions: number[];
}

function addToCluster(cluster: Cluster, prompt: FoundPrompt, position: number): void {
  const key = normalisePrompt(prompt.text);
  const seen = cluster.wordings.get(key);
  if (seen) seen.count += 1;
  else cluster.wordings.set(key, { prompt, count: 1 });
  cluster.positions.push(position);
}

function mostUsed(cluster: Cluster): FoundPrompt {
  let best: { prompt: FoundPrompt; count: number } | undefined;
  for (const wording of cluster.wordings.values()) {
    if (!best || wording.count > best.count) best = wording;
  }
  return (best as { prompt: FoundPrompt }).prompt;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The class's questions from every team's prompts (teams in the order given). */
export function questionsFromClass(teams: FoundPrompt[][]): QuestionText[] {
  const clusters: Cluster[] = [];
  for (const prompts of teams) {
    const matched = matchPrompts(
      prompts.map((prompt) => prompt.text),
      clusters.map((cluster) => cluster.first),
    );
    prompts.forEach((prompt, i) => {
      const position = prompts.length > 1 ? i / (prompts.length - 1) : 0;
      let cluster = clusters[matched[i]];
      if (!cluster) {
        cluster = { wordings: new Map(), first: prompt.text, positions: [] };
        clusters.push(cluster);
      }
      addToCluster(cluster, prompt, position);
    });
  }
  const ordered = clusters
    .map((cluster, index) => ({ cluster, index, at: mean(cluster.positions) }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  return ordered.map(({ cluster }) => {
    const { text, section } = mostUsed(cluster);
    return section === undefined ? { prompt: text } : { prompt: text, section };
  });
}
