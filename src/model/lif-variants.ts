import type { LifOptions, LifScheme } from "./lif.js";

/** The integration schemes a faithful simulator may use (each with its own noise term). */
export const SCHEMES: readonly LifScheme[] = ["exact", "expEuler", "euler", "heun"];

/** Every faithful combination of scheme and spike timing. */
export const FAITHFUL_VARIANTS: readonly LifOptions[] = SCHEMES.flatMap((scheme) =>
  (["interpolated", "stepEnd"] as const).map((spikeTiming) => ({ scheme, spikeTiming })),
);

/**
 * The variants neuron.match compares a submission with, noise off (where expEuler is exact): a
 * submission's spikes are judged against the closest of them.
 */
export const MATCH_VARIANTS: readonly LifOptions[] = FAITHFUL_VARIANTS.filter(
  (v) => v.scheme !== "expEuler",
);

export function variantLabel(v: LifOptions): string {
  return `${v.scheme}/${v.spikeTiming}`;
}
