import { abbreviate } from "../protocol/abbreviate.js";
import type { ParameterValues, RubricCheck } from "../protocol/types.js";
import type { Validation, ValidationError } from "../protocol/validation.js";

/** docs/contract.md: seeds are integers in [0, 2**31 - 1]. */
const MAX_SEED = 2 ** 31 - 1;

/**
 * The longest list a parameter may hold. A check's tolerances are the product of its lists (every
 * time step by every current), and a rubric of two lists of 3000 exhausted the heap naming them.
 */
const MAX_LIST_ITEMS = 100;

interface NumberRule {
  /** Smallest value allowed (inclusive). */
  min?: number;
  /** Values must be above this (exclusive). */
  above?: number;
  /** Largest value allowed (inclusive). */
  max?: number;
  /** Values must be below this (exclusive). */
  below?: number;
  integer?: boolean;
  /** What the number is, for the message ("a time step in ms"). */
  what: string;
}

/**
 * Reads a check's parameters (the rubric's, with a hidden repeat's overrides on top), collecting a
 * message an instructor can act on for each one that is missing or out of range. Readers return
 * NaN (or an empty list) for a bad value, so a parser reads every parameter and reports them all.
 */
export class ParameterReader {
  readonly errors: ValidationError[] = [];

  constructor(
    private readonly checkId: string,
    private readonly values: ParameterValues,
  ) {}

  private fail(name: string, problem: string): void {
    this.errors.push({
      path: `parameters.${name}`,
      message: `check ${this.checkId}: parameters.${name} ${problem}`,
    });
  }

  private problem(value: number, rule: NumberRule): string | undefined {
    if (rule.integer && !Number.isInteger(value)) return "is not an integer";
    if (rule.min !== undefined && value < rule.min) return `is below ${rule.min}`;
    if (rule.above !== undefined && !(value > rule.above)) return `is not above ${rule.above}`;
    if (rule.max !== undefined && value > rule.max) return `is above ${rule.max}`;
    if (rule.below !== undefined && !(value < rule.below)) return `is not below ${rule.below}`;
    return undefined;
  }

  number(name: string, rule: NumberRule): number {
    const value = this.values[name];
    if (value === undefined) {
      this.fail(name, `is missing; expected ${rule.what}`);
      return Number.NaN;
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.fail(name, `is ${abbreviate(value)}; expected ${rule.what}`);
      return Number.NaN;
    }
    const problem = this.problem(value, rule);
    if (problem) {
      this.fail(name, `is ${value}, which ${problem}; expected ${rule.what}`);
      return Number.NaN;
    }
    return value;
  }

  numbers(
    name: string,
    rule: NumberRule & { minItems?: number; exactItems?: number; why?: string },
  ): number[] {
    const value = this.values[name];
    const list = `a list of ${rule.what}`;
    if (value === undefined) {
      this.fail(name, `is missing; expected ${list}`);
      return [];
    }
    if (!Array.isArray(value)) {
      this.fail(name, `is ${abbreviate(value)}; expected ${list}`);
      return [];
    }
    if (value.length > MAX_LIST_ITEMS) {
      this.fail(name, `has ${value.length} entries; expected at most ${MAX_LIST_ITEMS}`);
      return [];
    }
    if (rule.exactItems !== undefined && value.length !== rule.exactItems) {
      const why = rule.why ? ` (${rule.why})` : "";
      this.fail(name, `has ${value.length} entries; expected exactly ${rule.exactItems}${why}`);
      return [];
    }
    if (value.length < (rule.minItems ?? 1)) {
      this.fail(name, `has ${value.length} entries; expected at least ${rule.minItems ?? 1}`);
      return [];
    }
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      const problem =
        typeof item !== "number" || !Number.isFinite(item)
          ? "is not a number"
          : this.problem(item, rule);
      if (problem) {
        this.fail(
          `${name}[${i}]`,
          `is ${abbreviate(item)}, which ${problem}; expected ${rule.what}`,
        );
        return [];
      }
    }
    return value as number[];
  }

  seed(name: string): number {
    return this.number(name, {
      min: 0,
      max: MAX_SEED,
      integer: true,
      what: "a seed (an integer in [0, 2**31 - 1])",
    });
  }

  seeds(
    name: string,
    items: { minItems?: number; exactItems?: number; why?: string } = {},
  ): number[] {
    return this.numbers(name, {
      ...items,
      min: 0,
      max: MAX_SEED,
      integer: true,
      what: "seeds (integers in [0, 2**31 - 1])",
    });
  }

  /** A probability naming a quantile of tolerances.json (e.g. 0.001). */
  quantile(name: string): number {
    return this.number(name, { min: 0, max: 1, what: "a quantile level in [0, 1], e.g. 0.001" });
  }

  /** The collected value, or the problems. */
  result<T>(value: T): Validation<T> {
    return this.errors.length === 0 ? { ok: true, value } : { ok: false, errors: this.errors };
  }
}

/** A check's parameters with a hidden repeat's overrides on top. */
export function checkParameters(
  check: RubricCheck,
  overrides: ParameterValues = {},
): ParameterValues {
  return { ...(check.parameters ?? {}), ...overrides };
}
