/**
 * Seeded random numbers, so that a seed gives the same sequence on every run and every machine
 * (Math.random cannot be seeded).
 *
 * Uniforms come from mulberry32, a tiny 32-bit generator: plenty for a 1000 ms simulation.
 * Normals come from the Box-Muller transform, which turns two uniforms into two independent
 * standard normals; we keep the second one for the next call.
 */
export class SeededRandom {
  private state: number;
  private spare: number | null = null;

  /** seed: any integer; 0 <= seed < 2**31 is what the assignment uses. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform number in [0, 1). */
  uniform(): number {
    // mulberry32: add a constant, then scramble the bits with multiplies and shifts.
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A standard normal number (mean 0, SD 1). */
  normal(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    // 1 - uniform() lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }
}
