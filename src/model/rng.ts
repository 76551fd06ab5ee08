/**
 * numpy's legacy random generator, `np.random.RandomState(seed)`, bit for bit: the Mersenne
 * Twister MT19937 (Matsumoto & Nishimura 1998) seeded by `init_genrand(seed)`, numpy's 53-bit
 * doubles and its legacy polar Box-Muller Gaussian with the cached second value.
 *
 * It reproduces, for an integer seed in [0, 2**32 - 1]:
 * - `uint32()`: `rs.randint(0, 2**32, dtype=np.uint32)` (one raw MT19937 output per call),
 * - `randomDouble()`: `rs.random_sample()` (= `rs.random()`, `rs.rand()`),
 * - `standardNormal()`: `rs.standard_normal()` (= `rs.randn()`, numpy's `legacy_gauss`),
 * - `fillStandardNormal(out)`: `rs.standard_normal(out.length)`.
 * Calls share one state exactly as in numpy, in any interleaving: the cached Gaussian survives
 * calls to the other methods. uint32 and doubles are exact; normals agree with numpy to within
 * an ulp or so (only Math.log may round differently from the C library's log).
 *
 * A Python student with numpy can therefore regenerate any trace the reference draws.
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
/**
 * numpy's random_sample puts 27 + 26 random bits into a double in [0, 1): (a * 2**26 + b) / 2**53.
 * Multiplying by 2**-53 is exact, so it gives numpy's quotient, only faster.
 */
const TWO_26 = 67108864;
const TWO_MINUS_53 = 1 / 9007199254740992;

/** MT19937's tempering of one state word; the result as an unsigned integer. */
function temper(word: number): number {
  let y = word;
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  y ^= y >>> 18;
  return y >>> 0;
}

export class RandomState {
  private readonly mt = new Uint32Array(N);
  private index = N;
  private hasGauss = false;
  private gauss = 0;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(
        `RandomState seed must be an integer in [0, 2**32 - 1] (as numpy requires), got ${seed}`,
      );
    }
    const mt = this.mt;
    mt[0] = seed;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1];
      // The Uint32Array store reduces the sum modulo 2**32, as the C code's unsigned arithmetic does.
      mt[i] = Math.imul(1812433253, prev ^ (prev >>> 30)) + i;
    }
  }

  /** Regenerates all 624 words of state at once (MT19937's "twist"). */
  private twist(): void {
    const mt = this.mt;
    let kk = 0;
    let y: number;
    for (; kk < N - M; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.index = 0;
  }

  /** The next raw 32-bit output, an integer in [0, 2**32 - 1]. */
  uint32(): number {
    if (this.index >= N) this.twist();
    return temper(this.mt[this.index++]);
  }

  /** A double in [0, 1) on the 2**-53 grid, from two outputs: (a >>> 5, b >>> 6). */
  randomDouble(): number {
    const a = this.uint32() >>> 5;
    const b = this.uint32() >>> 6;
    return (a * TWO_26 + b) * TWO_MINUS_53;
  }

  /** One standard normal, numpy's legacy_gauss: polar Box-Muller, second value cached. */
  standardNormal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return this.gauss;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.randomDouble() - 1;
      x2 = 2 * this.randomDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /**
   * Fills `out` with standard normals and returns it: the same values, and the same state after,
   * as out.length calls of standardNormal(). The Monte Carlo's hot path, so the four outputs of
   * each polar attempt are read straight from the state when no twist falls among them.
   */
  fillStandardNormal(out: Float64Array): Float64Array {
    const n = out.length;
    let i = 0;
    if (n > 0 && this.hasGauss) {
      out[i++] = this.gauss;
      this.hasGauss = false;
    }
    const mt = this.mt;
    while (i < n) {
      let x1: number;
      let x2: number;
      let r2: number;
      do {
        let a1: number;
        let b1: number;
        let a2: number;
        let b2: number;
        const index = this.index;
        if (index <= N - 4) {
          // One polar attempt takes four outputs; most attempts find them without a twist.
          a1 = temper(mt[index]) >>> 5;
          b1 = temper(mt[index + 1]) >>> 6;
          a2 = temper(mt[index + 2]) >>> 5;
          b2 = temper(mt[index + 3]) >>> 6;
          this.index = index + 4;
        } else {
          a1 = this.uint32() >>> 5;
          b1 = this.uint32() >>> 6;
          a2 = this.uint32() >>> 5;
          b2 = this.uint32() >>> 6;
        }
        x1 = 2 * ((a1 * TWO_26 + b1) * TWO_MINUS_53) - 1;
        x2 = 2 * ((a2 * TWO_26 + b2) * TWO_MINUS_53) - 1;
        r2 = x1 * x1 + x2 * x2;
      } while (r2 >= 1 || r2 === 0);
      const f = Math.sqrt((-2 * Math.log(r2)) / r2);
      out[i++] = f * x2;
      if (i < n) {
        out[i++] = f * x1;
      } else {
        this.gauss = f * x1;
        this.hasGauss = true;
      }
    }
    return out;
  }
}
