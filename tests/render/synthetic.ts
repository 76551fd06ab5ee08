import { FIGURE1_PROTOCOL, type Figure1Results } from "../../src/protocol/types.js";

/**
 * A small closed-form Figure 1 for rendering tests, independent of the reference model (a change
 * to the model must not move the golden images). Between spikes V relaxes exponentially from
 * reset towards the level that makes it reach threshold exactly at the next spike; spike times
 * are laid out by hand: panel A every ~76 ms with jitter growing along the trial, panel B on a
 * common pattern with sub-millisecond jitter.
 */

const REST = -70;
const THRESHOLD = -53;
const RESET = -80;
const TAU = 30;
const REFRACTORY = 2;

/** mulberry32: a tiny seeded generator, enough to make test jitter repeatable. */
function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The closed-form membrane potential (mV) sampled at i * dtMs, for the given spike times. */
function closedFormVoltage(
  spikesMs: readonly number[],
  dtMs: number,
  durationMs: number,
  onsetMs: number,
  offsetMs: number,
): number[] {
  const n = Math.round(durationMs / dtMs);
  const v = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = i * dtMs;
    if (t < onsetMs) {
      v[i] = REST;
      continue;
    }
    // The interval t falls in: from the last spike (or onset) before t to the next spike.
    let start = onsetMs;
    let from = REST;
    let next = Number.POSITIVE_INFINITY;
    for (const s of spikesMs) {
      if (s <= t) {
        start = s + REFRACTORY;
        from = RESET;
      } else {
        next = s;
        break;
      }
    }
    if (t < start) {
      v[i] = RESET;
      continue;
    }
    const free = from + (-50.5 - from) * (1 - Math.exp(-(t - start) / TAU));
    if (Number.isFinite(next) && next <= offsetMs) {
      const aim = from + (THRESHOLD - from) / (1 - Math.exp(-(next - start) / TAU));
      v[i] = aim + (from - aim) * Math.exp(-(t - start) / TAU);
    } else if (t < offsetMs) {
      v[i] = free;
    } else {
      const atOffset = from + (-50.5 - from) * (1 - Math.exp(-(offsetMs - start) / TAU));
      v[i] = REST + (atOffset - REST) * Math.exp(-(t - offsetMs) / TAU);
    }
  }
  return v;
}

export interface SyntheticOptions {
  dtMs?: number;
  trials?: number;
  seed?: number;
  withVoltage?: boolean;
}

/** A plausible Figure1Results in closed form. */
export function syntheticFigure1(options: SyntheticOptions = {}): Figure1Results {
  const dtMs = options.dtMs ?? 0.5;
  const trials = options.trials ?? 25;
  const random = seededUniform(options.seed ?? 1);
  const durationMs = 1000;
  const onsetMs = 50;
  const offsetMs = 950;
  const n = Math.round(durationMs / dtMs);
  const inWindow = (i: number) => i * dtMs >= onsetMs && i * dtMs < offsetMs;

  const stepPa = Array.from({ length: n }, (_, i) => (inWindow(i) ? 150 : 0));
  // A smooth stand-in for the OU current: a few incommensurate sines about 150 pA.
  const fluctuatingPa = Array.from({ length: n }, (_, i) => {
    const t = i * dtMs;
    if (!inWindow(i)) return 0;
    return (
      150 +
      60 * Math.sin(t / 7.1) +
      45 * Math.sin(t / 3.3 + 1) +
      30 * Math.sin(t / 1.9 + 2) +
      20 * Math.sin(t / 13.7 + 0.5)
    );
  });

  const pattern = [62, 118, 161, 240, 297, 333, 410, 468, 522, 575, 650, 702, 771, 820, 874, 931];
  const spikesA: number[][] = [];
  const spikesB: number[][] = [];
  for (let k = 0; k < trials; k++) {
    const a: number[] = [];
    let t = onsetMs;
    for (let j = 0; ; j++) {
      // Jitter that accumulates: the first spike agrees to ~1 ms, later ones drift apart.
      t += 74 + 2 + (random() - 0.5) * (2 + 2 * j);
      if (t >= offsetMs) break;
      a.push(round3(t));
    }
    spikesA.push(a);
    spikesB.push(
      pattern.filter(() => random() > 0.05).map((s) => round3(s + (random() - 0.5) * 1.2)),
    );
  }
  const voltage = (spikes: number[][]) =>
    spikes.slice(0, 10).map((s) => closedFormVoltage(s, dtMs, durationMs, onsetMs, offsetMs));
  const withVoltage = options.withVoltage ?? true;
  return {
    protocol: FIGURE1_PROTOCOL,
    dtMs,
    durationMs,
    onsetMs,
    offsetMs,
    panels: {
      A: {
        currentPa: stepPa,
        spikeTimesMs: spikesA,
        ...(withVoltage ? { voltageMv: voltage(spikesA) } : {}),
      },
      B: {
        currentPa: fluctuatingPa,
        spikeTimesMs: spikesB,
        ...(withVoltage ? { voltageMv: voltage(spikesB) } : {}),
      },
    },
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
