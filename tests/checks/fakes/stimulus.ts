import { FakeRandom } from "./random.js";

/** A student's makeStimulus, written from docs/contract.md alone, with the faithful choices and the bugs. */
export interface FakeStimulusOptions {
  /** The exact OU update, or Euler-Maruyama. */
  ou: "exact" | "euler";
  /** How a sample is found inside the window: t = i * dt compared in floating point, or by rounded indices. */
  window: "compareTimes" | "roundIndices";
  bug?: StimulusBug;
}

export type StimulusBug = "notFrozen" | "wrongOuScaling" | "constantOu" | "stepLate";

interface Request {
  kind: "step" | "ou";
  dtMs: number;
  durationMs: number;
  onsetMs: number;
  offsetMs: number;
  meanPa: number;
  sdPa?: number;
  tauMs?: number;
  seed?: number;
}

/** One generator for the whole process: a student who seeds nothing gets a new current each call. */
const shared = new FakeRandom(424242);

export function fakeMakeStimulus(raw: unknown, options: FakeStimulusOptions): unknown {
  const r = raw as Request;
  const n = Math.round(r.durationMs / r.dtMs);
  const on = (i: number) => {
    if (options.window === "roundIndices") {
      return i >= Math.round(r.onsetMs / r.dtMs) && i < Math.round(r.offsetMs / r.dtMs);
    }
    // stepLate: the step starts 2 ms late, as t >= onset + 2 would.
    const t = i * r.dtMs - (options.bug === "stepLate" && r.kind === "step" ? 2 : 0);
    return t >= r.onsetMs && t < r.offsetMs;
  };
  const currentPa = new Array<number>(n).fill(0);
  if (r.kind === "step") {
    for (let i = 0; i < n; i++) if (on(i)) currentPa[i] = r.meanPa;
    return { currentPa };
  }
  const sd = r.sdPa as number;
  const tau = r.tauMs as number;
  const random = options.bug === "notFrozen" ? shared : new FakeRandom(r.seed as number);
  const a = Math.exp(-r.dtMs / tau);
  let x = r.meanPa + sd * random.normal();
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      const z = random.normal();
      if (options.bug === "constantOu") x = r.meanPa;
      else if (options.bug === "wrongOuScaling")
        x = r.meanPa + a * (x - r.meanPa) + sd * Math.sqrt(r.dtMs) * z;
      else if (options.ou === "exact")
        x = r.meanPa + a * (x - r.meanPa) + sd * Math.sqrt(1 - a * a) * z;
      else x += ((r.meanPa - x) * r.dtMs) / tau + sd * Math.sqrt((2 * r.dtMs) / tau) * z;
    }
    if (on(i)) currentPa[i] = options.bug === "constantOu" ? r.meanPa : x;
  }
  return { currentPa };
}
