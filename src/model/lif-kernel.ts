import { readFileSync } from "node:fs";

/**
 * The WebAssembly inner loop of simulateLif (lif-kernel.wat, which says what it computes and why
 * it is WebAssembly), one instance per thread, and the tables of its ziggurat.
 */

/** The ziggurat's tail starts at R; each of its 256 layers has area V (Marsaglia & Tsang 2000). */
const ZIGGURAT_R = 3.6541528853610088;
const ZIGGURAT_V = 0.00492867323399;
/** A draw's magnitude spans [0, 2^52) (its sign is a bit of its own). */
const M1 = 2 ** 52;

export interface ZigguratTables {
  /** Inner-rectangle bounds on the magnitude, as integers below 2^52. */
  kn: BigInt64Array;
  /** Layer widths per unit of point. */
  wn: Float64Array;
  /** The density exp(-x^2 / 2) at each layer's edge. */
  fn: Float64Array;
}

/** Marsaglia & Tsang's table recursion with 256 layers and a 52-bit magnitude. */
export function zigguratTables(): ZigguratTables {
  const kn = new BigInt64Array(256);
  const wn = new Float64Array(256);
  const fn = new Float64Array(256);
  let dn = ZIGGURAT_R;
  let tn = dn;
  const q = ZIGGURAT_V / Math.exp(-0.5 * dn * dn);
  kn[0] = BigInt(Math.floor((dn / q) * M1));
  kn[1] = 0n;
  wn[0] = q / M1;
  wn[255] = dn / M1;
  fn[0] = 1;
  fn[255] = Math.exp(-0.5 * dn * dn);
  for (let i = 254; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(ZIGGURAT_V / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = BigInt(Math.floor((dn / tn) * M1));
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / M1;
  }
  return { kn, wn, fn };
}

/** Where the tables end and the per-call data may start (lif-kernel.wat's layout). */
export const KERNEL_DATA_OFFSET = 8192;

export interface LifKernel {
  memory: WebAssembly.Memory;
  seed(lo: number, hi: number): void;
  run(
    i0: number,
    n: number,
    trials: number,
    recorded: number,
    vPtr: number,
    untilPtr: number,
    leftPtr: number,
    partPtr: number,
    vInfPtr: number,
    recPtr: number,
    spikeTrialPtr: number,
    spikeTimePtr: number,
    zPtr: number,
    pendPtr: number,
    pairsPtr: number,
    dtMs: number,
    stepDecay: number,
    stepNoise: number,
    thresholdMv: number,
    resetMv: number,
    refractoryMs: number,
    refractorySteps: number,
    flags: number,
  ): number;
  /** The propagators the kernel calls for the part of a step after a refractory period ends. */
  propagators: { decay: (h: number) => number; noiseScale: (h: number) => number };
}

let kernel: LifKernel | undefined;

/** The kernel, instantiated on first use (synchronously: the module is small). */
export function lifKernel(): LifKernel {
  if (kernel !== undefined) return kernel;
  const file = new URL("./lif-kernel.wasm", import.meta.url);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(
      `the reference LIF's WebAssembly kernel ${file.pathname} is missing: run \`npm run build\` (npm ci does) to assemble it from lif-kernel.wat`,
      { cause: error },
    );
  }
  const exports = instantiate(bytes, () => made.propagators);
  const tables = zigguratTables();
  const buffer = exports.memory.buffer;
  new BigInt64Array(buffer, 0, 256).set(tables.kn);
  new Float64Array(buffer, 2048, 256).set(tables.wn);
  new Float64Array(buffer, 4096, 256).set(tables.fn);
  // simulateLif sets the propagators of its scheme before each run; the imports call the current ones.
  const made: LifKernel = {
    memory: exports.memory,
    seed: exports.seed,
    run: exports.run,
    propagators: { decay: () => Number.NaN, noiseScale: () => Number.NaN },
  };
  kernel = made;
  return kernel;
}

/** The module's exports, its imports being Math's exp and log and the current propagators. */
function instantiate(
  bytes: Buffer,
  propagators: () => LifKernel["propagators"],
): Omit<LifKernel, "propagators"> {
  const env = {
    exp: Math.exp,
    log: Math.log,
    decay: (h: number) => propagators().decay(h),
    noiseScale: (h: number) => propagators().noiseScale(h),
  };
  const instance = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(bytes)), { env });
  return instance.exports as unknown as Omit<LifKernel, "propagators">;
}

/** Grows the kernel's memory to hold at least `bytes` bytes. */
export function ensureMemory(memory: WebAssembly.Memory, bytes: number): void {
  const missing = bytes - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / 65536));
}
