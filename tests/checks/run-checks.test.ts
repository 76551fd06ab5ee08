import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guardCheck } from "../../src/checks/check.js";
import { orderedChecks, runChecks, skippedAfter, tally } from "../../src/checks/run-checks.js";
import type { CheckSimulator } from "../../src/checks/session.js";
import { verdict } from "../../src/checks/verdict.js";
import { packageRoot } from "../../src/protocol/package-root.js";
import { validate } from "../../src/protocol/schemas.js";
import type {
  CheckResult,
  Figure1Results,
  ParameterValues,
  Rubric,
} from "../../src/protocol/types.js";
import type { CallResult, SimulatorFunction } from "../../src/submission/call-result.js";
import {
  CORRECT_LIF,
  CORRECT_STIMULUS,
  fakeModule,
  inProcess,
  RUBRIC,
  TOLERANCES,
} from "./fakes/harness.js";

/** A rubric of a few checks, so these tests stay quick. */
function rubricOf(ids: string[]): Rubric {
  return { ...RUBRIC, checks: RUBRIC.checks.filter((c) => ids.includes(c.id)) };
}

const correct = () => inProcess(fakeModule(CORRECT_LIF, CORRECT_STIMULUS));

/**
 * A simulator whose process "stops" on the nth simulateNeuron call (as src/submission reports a
 * timeout); every later call fails the same way until it is reopened.
 */
function stoppingAt(n: number, withReopen: boolean, reopenWorks = true) {
  const inner = correct();
  let simulateCalls = 0;
  let dead = false;
  const log = { reopened: 0 };
  const simulator: CheckSimulator = {
    async call(fn: SimulatorFunction, request: object): Promise<CallResult> {
      if (dead) return { ok: false, kind: "timeout", message: "dead process" };
      if (fn === "simulateNeuron" && ++simulateCalls === n) {
        dead = true;
        return {
          ok: false,
          kind: "timeout",
          message: "simulateNeuron did not answer within 60 s; the process was stopped",
        };
      }
      return inner.call(fn, request);
    },
  };
  if (withReopen) {
    simulator.reopen = async () => {
      log.reopened++;
      if (!reopenWorks) return { ok: false, message: "python3 is gone" };
      dead = false;
      return { ok: true };
    };
  }
  return { simulator, log };
}

describe("runChecks", () => {
  it("runs stimulus, then neuron, then figure1 checks, hidden ones only when asked", () => {
    const publicOnly = orderedChecks(RUBRIC, false).map((c) => c.id);
    expect(publicOnly).toEqual([
      "stimulus.step",
      "stimulus.ou",
      "stimulus.frozen",
      "neuron.rest",
      "neuron.fi",
      "neuron.match",
      "neuron.noise",
      "neuron.trace",
      "figure1.A",
      "figure1.B",
      "figure1.contrast",
      "figure1.rate",
    ]);
    const all = orderedChecks(RUBRIC, true).map((c) => c.id);
    expect(all.indexOf("stimulus.ou:hidden")).toBeLessThan(all.indexOf("neuron.rest"));
    expect(all.indexOf("neuron.fi:hidden")).toBeLessThan(all.indexOf("figure1.A"));
    expect(all.at(-1)).toBe("figure1.B:hidden");
  });

  it("counts the hidden checks it does not show, scores the caller's manifest and load first, and reports each verdict as it comes", async () => {
    const rubric = rubricOf([
      "manifest",
      "load",
      "stimulus.step",
      "neuron.rest",
      "neuron.fi:hidden",
    ]);
    const prior = [
      verdict(rubric.checks[0], "pass", "submission.json is valid"),
      verdict(rubric.checks[1], "pass", "simulator.py loads"),
    ];
    const seen: string[] = [];
    const outcome = await runChecks(
      { kind: "simulator", simulator: correct() },
      { rubric, tolerances: TOLERANCES, prior, onCheck: (r) => seen.push(r.id) },
    );
    expect(outcome.checks.map((c) => c.id)).toEqual([
      "manifest",
      "load",
      "stimulus.step",
      "neuron.rest",
    ]);
    expect(seen).toEqual(["stimulus.step", "neuron.rest"]);
    expect(outcome.hiddenCount).toBe(1);
    expect([outcome.score, outcome.maxScore, outcome.passed]).toEqual([4, 4, true]);
    expect(outcome.metrics).toBeUndefined();
    expect(outcome.checks[2].elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it("restarts a simulator that stopped, for the next check", async () => {
    const rubric = rubricOf(["neuron.rest", "neuron.fi", "neuron.match", "neuron.noise"]);
    const { simulator, log } = stoppingAt(2, true); // the first neuron.fi call
    const outcome = await runChecks(
      { kind: "simulator", simulator },
      { rubric, tolerances: TOLERANCES },
    );
    expect(outcome.checks.map((c) => c.status)).toEqual(["pass", "error", "pass", "pass"]);
    expect(outcome.checks[1].message).toMatch(
      /^simulateNeuron did not answer within 60 s; the process was stopped \(asked to simulate a constant 100 pA/,
    );
    expect(log.reopened).toBe(1);
  });

  it("without a restart, every later check is an error saying the simulator stopped and why", async () => {
    const rubric = rubricOf([
      "stimulus.step",
      "neuron.fi",
      "neuron.match",
      "figure1.A",
      "figure1.rate",
    ]);
    const { simulator } = stoppingAt(1, false);
    const outcome = await runChecks(
      { kind: "simulator", simulator },
      { rubric, tolerances: TOLERANCES },
    );
    expect(outcome.checks.map((c) => c.status)).toEqual([
      "pass",
      "error",
      "error",
      "error",
      "error",
    ]);
    for (const c of outcome.checks.slice(2)) {
      expect(c.message).toMatch(
        /the simulator stopped after neuron\.fi \(simulateNeuron did not answer within 60 s/,
      );
    }
    expect(outcome.metrics).toBeUndefined();
  });

  it("when the restart fails, says so", async () => {
    const rubric = rubricOf(["neuron.fi", "neuron.match"]);
    const { simulator, log } = stoppingAt(1, true, false);
    const outcome = await runChecks(
      { kind: "simulator", simulator },
      { rubric, tolerances: TOLERANCES },
    );
    expect(outcome.checks[1].status).toBe("error");
    expect(outcome.checks[1].message).toMatch(
      /stopped after neuron\.fi .*restarting it failed: python3 is gone/,
    );
    expect(log.reopened).toBe(1);
  });

  it("turns a bug of spikegrade's own (a call that throws) into an error and goes on", async () => {
    const rubric = rubricOf(["stimulus.step", "neuron.rest"]);
    const simulator: CheckSimulator = {
      async call(fn, request) {
        if (fn === "makeStimulus") throw new RangeError("the channel is closed");
        return correct().call(fn, request);
      },
    };
    const outcome = await runChecks(
      { kind: "simulator", simulator },
      { rubric, tolerances: TOLERANCES },
    );
    expect(outcome.checks[1].status).toBe("pass");
    expect(outcome.checks[0]).toMatchObject({
      id: "stimulus.step",
      status: "error",
      message: "internal error in spikegrade: the channel is closed",
      points: 0,
      maxPoints: 1,
    });
  });

  it("refuses a trial with more spikes than steps, which would also make every measure slow", async () => {
    const rubric = rubricOf(["neuron.rest"]);
    const simulator = inProcess({
      makeStimulus: () => ({ currentPa: [] }),
      simulateNeuron: (r) => {
        const { trials, recordVoltage, currentPa } = r as {
          trials: number;
          recordVoltage: number;
          currentPa: number[];
        };
        return {
          spikeTimesMs: Array.from({ length: trials }, () => new Array(3000).fill(1)),
          voltageMv: Array.from({ length: recordVoltage }, () => currentPa.map(() => -70)),
        };
      },
    });
    const outcome = await runChecks(
      { kind: "simulator", simulator },
      { rubric, tolerances: TOLERANCES },
    );
    expect(outcome.checks[0].status).toBe("error");
    expect(outcome.checks[0].message).toMatch(
      /spikeTimesMs\[0\] has 3000 spikes in a trial of 2000 steps; a neuron fires at most once per step/,
    );
  });

  it("gives the report panels A and B and their metrics, and every verdict fits the check-report schema", async () => {
    const outcome = await runChecks(
      { kind: "simulator", simulator: correct() },
      {
        rubric: rubricOf([
          "manifest",
          "figure1.A",
          "figure1.B",
          "figure1.contrast",
          "figure1.rate",
        ]),
        tolerances: TOLERANCES,
      },
    );
    expect(outcome.panels?.A?.spikeTimesMs).toHaveLength(25);
    expect(outcome.panels?.B?.currentPa).toHaveLength(2000);
    expect(outcome.panels?.dtMs).toBe(0.5);
    expect(outcome.metrics?.B.reliability).toBeGreaterThan(0.6);
    const report = validate("check-report", {
      team: "team-07",
      members: [],
      passed: outcome.passed,
      score: outcome.score,
      maxScore: outcome.maxScore,
      checks: JSON.parse(JSON.stringify(outcome.checks)),
      metrics: outcome.metrics,
    });
    expect(report.ok ? [] : report.errors).toEqual([]);
  });

  it("asks for the voltage of the first panel of each set only, the ones the report draws", async () => {
    const inner = correct();
    const asked: number[] = [];
    const simulator: CheckSimulator = {
      call: (fn, request) => {
        const { trials, recordVoltage } = request as { trials?: number; recordVoltage?: number };
        if (fn === "simulateNeuron" && trials === 25) asked.push(recordVoltage ?? -1);
        return inner.call(fn, request);
      },
    };
    const outcome = await runChecks(
      { kind: "simulator", simulator },
      { rubric: rubricOf(["figure1.A", "figure1.B"]), tolerances: TOLERANCES },
    );
    // Panels A on noise seeds 7-10, then panels B on four frozen currents.
    expect(asked).toEqual([10, 0, 0, 0, 10, 0, 0, 0]);
    expect(outcome.panels?.A?.voltageMv).toHaveLength(10);
    expect(outcome.panels?.B?.voltageMv).toHaveLength(10);
  });
});

describe("results-only submissions", () => {
  const reference = JSON.parse(
    readFileSync(join(packageRoot(), "reference", "figure1.json"), "utf8"),
  ) as Figure1Results & { metrics?: unknown };
  const { metrics: _, ...results } = reference;

  it("run the Figure 1 checks only; the others do not apply and are worth nothing", async () => {
    const outcome = await runChecks(
      { kind: "results", results },
      { rubric: RUBRIC, tolerances: TOLERANCES, includeHidden: true },
    );
    const figure = outcome.checks.filter(
      (c) => c.id.startsWith("figure1") && !c.id.endsWith(":hidden"),
    );
    expect(figure.map((c) => [c.id, c.status])).toEqual([
      ["figure1.A", "pass"],
      ["figure1.B", "pass"],
      ["figure1.contrast", "pass"],
      ["figure1.rate", "pass"],
    ]);
    const others = outcome.checks.filter((c) => !figure.includes(c));
    for (const c of others) expect([c.id, c.status, c.maxPoints]).toEqual([c.id, "skip", 0]);
    expect(others.find((c) => c.id === "figure1.B:hidden")?.message).toMatch(/needs a simulator/);
    expect(outcome.passed).toBe(true);
    expect(outcome.maxScore).toBe(6);
    expect(outcome.metrics?.A.rateHz).toBeCloseTo(12.9, 0);
  });

  it("whose panel A is not the canonical step cannot be judged as panel A", async () => {
    const weaker = structuredClone(results);
    weaker.panels.A.currentPa = weaker.panels.A.currentPa.map((x) => (x === 0 ? 0 : 120));
    const outcome = await runChecks(
      { kind: "results", results: weaker },
      { rubric: rubricOf(["figure1.A", "figure1.B"]), tolerances: TOLERANCES },
    );
    expect(outcome.checks.map((c) => [c.id, c.status])).toEqual([
      ["figure1.A", "error"],
      ["figure1.B", "pass"],
    ]);
    expect(outcome.checks[0].message).toMatch(
      /panels\.A\.currentPa\[100\] \(50 ms\) is 120 pA where the canonical step is 150 pA/,
    );
  });

  it("with another stimulus window, cannot be judged against the canonical tolerances", async () => {
    const moved = { ...results, onsetMs: 100 };
    const outcome = await runChecks(
      { kind: "results", results: moved },
      { rubric: rubricOf(["figure1.A", "figure1.rate"]), tolerances: TOLERANCES },
    );
    for (const c of outcome.checks) {
      expect(c.status).toBe("error");
      expect(c.message).toMatch(/runs from 100 to 950 ms; .* rerun with onsetMs 50/);
    }
  });
});

describe("skippedAfter and tally", () => {
  it("after a failed manifest: load and every check skipped, points kept (the team loses them)", () => {
    const skipped = skippedAfter("submission.json is not valid", RUBRIC, { after: "manifest" });
    expect(skipped[0].id).toBe("load");
    expect(skipped.map((c) => c.id)).not.toContain("neuron.fi:hidden");
    for (const c of skipped) {
      expect(c.status).toBe("skip");
      expect(c.message).toBe("not run: submission.json is not valid");
      expect(c.maxPoints).toBeGreaterThan(0);
    }
    expect(tally(skipped).passed).toBe(false);
  });

  it("after a failed load of a results file: the simulator checks do not apply", () => {
    const skipped = skippedAfter("figure1.json is not valid", RUBRIC, {
      resultsOnly: true,
      includeHidden: true,
    });
    expect(skipped.find((c) => c.id === "neuron.fi")?.maxPoints).toBe(0);
    expect(skipped.find((c) => c.id === "figure1.B")?.maxPoints).toBe(2);
    expect(skipped.some((c) => c.id === "figure1.B:hidden")).toBe(true);
  });

  it("tally: pass earns the points, a skip that does not apply costs nothing", () => {
    const check = RUBRIC.checks.find((c) => c.id === "neuron.fi") as Rubric["checks"][number];
    const results: CheckResult[] = [
      verdict(check, "pass", "ok"),
      verdict(check, "fail", "no"),
      { ...verdict(check, "skip", "n/a"), maxPoints: 0 },
    ];
    // The skip worth nothing is not counted among the checks that apply.
    expect(tally(results)).toEqual({
      score: 2,
      maxScore: 4,
      passed: false,
      applicable: 2,
      applicablePassed: 1,
    });
    expect(tally([results[0], results[2]]).passed).toBe(true);
  });
});

describe("guardCheck", () => {
  it("turns an exception in spikegrade's own code into an error verdict, never a rejection", async () => {
    const check = RUBRIC.checks.find((c) => c.id === "figure1.rate") as Rubric["checks"][number];
    const result = await guardCheck(check, async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'rateHz')");
    });
    expect(result).toMatchObject({
      id: "figure1.rate",
      status: "error",
      points: 0,
      maxPoints: 1,
      message:
        "internal error in spikegrade: Cannot read properties of undefined (reading 'rateHz')",
    });
  });
});

describe("hidden inputs", () => {
  it("replace the rubric's parameters of a hidden repeat, and are checked like them", async () => {
    const rubric = rubricOf(["stimulus.step", "stimulus.ou:hidden", "neuron.fi:hidden"]);
    const asked: number[] = [];
    const inner = correct();
    const simulator: CheckSimulator = {
      call(fn, request) {
        if (fn === "makeStimulus") asked.push((request as { seed?: number }).seed ?? -1);
        return inner.call(fn, request);
      },
    };
    const outcome = await runChecks(
      { kind: "simulator", simulator },
      {
        rubric,
        tolerances: TOLERANCES,
        includeHidden: true,
        hiddenInputs: (id): ParameterValues =>
          id === "stimulus.ou:hidden" ? { seed: 777 } : { currentsPa: "many" },
      },
    );
    expect(asked).toContain(777);
    expect(outcome.checks.map((c) => c.status)).toEqual(["pass", "pass", "error"]);
    expect(outcome.checks[2].message).toBe(
      "the rubric's parameters with this run's hidden inputs cannot be used: check neuron.fi:hidden: parameters.currentsPa is \"many\"; expected a list of currents in pA",
    );
    expect(outcome.hiddenCount).toBe(0);
  });
});

describe("a simulator that hangs", () => {
  it("is not asked again after it timed out twice on the same function", async () => {
    const calls: Record<string, number> = { makeStimulus: 0, simulateNeuron: 0 };
    const hanging: CheckSimulator = {
      call: async (fn: SimulatorFunction): Promise<CallResult> => {
        calls[fn]++;
        return fn === "makeStimulus"
          ? { ok: false, kind: "timeout", message: `${fn} did not answer within 60 s` }
          : correct().call(fn, {});
      },
      reopen: async () => ({ ok: true }),
    };
    const outcome = await runChecks(
      { kind: "simulator", simulator: hanging },
      {
        rubric: rubricOf(["stimulus.step", "stimulus.ou", "stimulus.frozen", "figure1.A"]),
        tolerances: TOLERANCES,
      },
    );
    expect(calls.makeStimulus).toBe(2);
    for (const check of outcome.checks) expect(check.status).toBe("error");
    expect(outcome.checks.at(-1)?.message).toContain("was not asked again");
  });
});
