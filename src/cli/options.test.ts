import { InvalidArgumentError } from "commander";
import { afterEach, describe, expect, it } from "vitest";
import { UsageError } from "./errors.js";
import { isolationRequest, parseJobs, positiveInteger, timeoutOption } from "./options.js";

describe("the command line's parsers", () => {
  it("--jobs: a whole number of at least 1, as gradeClass's rule says", () => {
    expect(parseJobs("3")).toBe(3);
    for (const bad of ["0", "-1", "1.5", "two", ""]) {
      expect(() => parseJobs(bad), bad).toThrow(InvalidArgumentError);
    }
    expect(() => parseJobs("0")).toThrow("--jobs must be a whole number of at least 1");
  });

  it("--timeout: seconds typed, ms given; 60 s by default", () => {
    const option = timeoutOption();
    expect(option.parseArg?.("2.5", undefined)).toBe(2500);
    expect(option.defaultValue).toBe(60_000);
    for (const bad of ["0", "soon", "Infinity"]) {
      expect(() => option.parseArg?.(bad, undefined), bad).toThrow(
        "--timeout must be a positive number of seconds",
      );
    }
  });

  it("--seeds: a positive integer", () => {
    expect(positiveInteger("--seeds")("100")).toBe(100);
    expect(() => positiveInteger("--seeds")("0")).toThrow("--seeds must be a positive integer");
  });
});

describe("the isolation asked for", () => {
  const saved = process.env.SPIKEGRADE_ISOLATION;
  afterEach(() => {
    if (saved === undefined) delete process.env.SPIKEGRADE_ISOLATION;
    else process.env.SPIKEGRADE_ISOLATION = saved;
  });

  it("--isolation's, else $SPIKEGRADE_ISOLATION's, else auto; a wrong variable is misuse", () => {
    process.env.SPIKEGRADE_ISOLATION = "none";
    expect(isolationRequest("bubblewrap")).toBe("bubblewrap");
    expect(isolationRequest(undefined)).toBe("none");
    delete process.env.SPIKEGRADE_ISOLATION;
    expect(isolationRequest(undefined)).toBe("auto");
    process.env.SPIKEGRADE_ISOLATION = "sometimes";
    expect(() => isolationRequest(undefined)).toThrow(UsageError);
  });
});
