/**
 * Fuzzing the simulator-response boundary: what makeStimulus and simulateNeuron send back,
 * written as the wire carries it (JSON text from Python's json, JavaScript's JSON.stringify or
 * spikegrade's runners with their {"$nonFinite": ...} markers), is parsed as simulator.ts parses
 * it and validated by validateStimulusResponse and validateSimulateResponse. Every response ends
 * as the validated value or as messages, never in an exception, in bounded time and memory.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CANONICAL_NEURON,
  canonicalOu,
  canonicalStep,
  sampleCount,
} from "../../src/protocol/canonical.js";
import { parseJson } from "../../src/protocol/read-json.js";
import type { SimulateRequest, StimulusRequest } from "../../src/protocol/types.js";
import {
  validateSimulateResponse,
  validateStimulusResponse,
} from "../../src/protocol/validate-response.js";
import { FRAME_HEADER_BYTES, FrameDecoder } from "../../src/submission/frames.js";
import {
  expectPrototypeClean,
  expectVerdict,
  fuzz,
  hasUnsafeKey,
  jsonTextArbitrary,
  NON_FINITE_TEXTS,
  nestedText,
  ODD_KEYS,
  objectText,
  randomSource,
} from "./fuzz.js";

/** A number as each emitter writes it: Python's repr-like floats and JavaScript's shortest form. */
const numberText = (x: number) => String(x);

/** Values where a number belongs, as text: every spelling of NaN and Infinity, and wrong types. */
const BAD_TEXTS = [
  ...NON_FINITE_TEXTS,
  '"12.5"',
  "[]",
  "[1]",
  "{}",
  "true",
  "-1",
  "-0",
  "1e308",
  "-1e308",
  "5e-324",
] as const;

/**
 * Parses a body as simulator.ts does (JSON.parse, anything thrown meaning "a message spikegrade
 * cannot read"); where that fails, parseJson must still say where and why.
 */
function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const said = parseJson(text, "the response");
    expect(said.ok).toBe(false);
    expectVerdict(said);
    return { ok: false };
  }
}

/** Where a bad value goes in a response, and what it is. */
const slip = fc.record({
  trial: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  text: fc.oneof(
    fc.constantFrom(...BAD_TEXTS),
    fc.double().map((x) => (Number.isFinite(x) ? JSON.stringify(x) : String(x))),
  ),
});
const slips = fc.oneof(
  { arbitrary: fc.constant([]), weight: 2 },
  { arbitrary: fc.array(slip, { minLength: 1, maxLength: 3 }), weight: 1 },
);
const extras = fc.oneof(
  { arbitrary: fc.constant([]), weight: 3 },
  {
    arbitrary: fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...ODD_KEYS), fc.string({ maxLength: 6 })),
        jsonTextArbitrary(3),
      ),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
    weight: 1,
  },
);

/** Writes lists of number texts into the trains, then the slips over them. */
function listsText(
  lists: string[][],
  bad: readonly { trial: number; at: number; text: string }[],
): string {
  for (const s of bad) {
    const list = lists[Math.floor(s.trial * lists.length)];
    if (list === undefined) continue;
    const index = Math.floor(s.at * (list.length + 1));
    if (index < list.length) list[index] = s.text;
    else list.push(s.text);
  }
  return `[${lists.map((list) => `[${list.join(",")}]`).join(",")}]`;
}

const stimulusCase = fc.record({
  kind: fc.constantFrom("step", "ou"),
  dtMs: fc.constantFrom(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2),
  durationMs: fc.integer({ min: 1, max: 100 }),
  lengthDelta: fc.constantFrom(0, 0, 0, 0, -1, 1, -1000),
  slips,
  extras,
  wrap: fc.constantFrom(
    "object",
    "object",
    "object",
    "object",
    "array",
    "null",
    "string",
    "nested",
  ),
  seed: fc.integer(),
});

const simulateCase = fc.record({
  dtMs: fc.constantFrom(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2),
  samples: fc.integer({ min: 1, max: 2000 }),
  trials: fc.integer({ min: 1, max: 30 }),
  recordVoltage: fc.constantFrom(0, 0, 1, 2, 10, 50),
  rateHz: fc.oneof(fc.constantFrom(0, 13, 100), fc.double({ min: 0, max: 1000, noNaN: true })),
  trialsDelta: fc.constantFrom(0, 0, 0, 0, -1, 1),
  voltage: fc.constantFrom(
    "exact",
    "exact",
    "exact",
    "missing",
    "null",
    "empty",
    "one more",
    "one less",
    "short trace",
  ),
  unsort: fc.boolean(),
  slips,
  voltageSlips: slips,
  extras,
  repeatKey: fc.boolean(),
  seed: fc.integer(),
});

describe("fuzz: simulator responses", () => {
  it("500 random makeStimulus responses (every NaN and Infinity spelling, wrong lengths and types, odd keys) end as a current or messages", () => {
    fuzz(stimulusCase, 500, (c) => {
      const base = c.kind === "step" ? canonicalStep(c.dtMs) : canonicalOu(c.dtMs, 7);
      const request: StimulusRequest = { ...base, durationMs: c.durationMs };
      const random = randomSource(c.seed);
      const length = Math.max(0, sampleCount(c.durationMs, c.dtMs) + c.lengthDelta);
      const current = Array.from({ length }, () => numberText(150 + 100 * (random() - 0.5)));
      const list = listsText([current], c.slips).slice(1, -1);
      const body = objectText([["currentPa", list], ...c.extras]);
      const text =
        c.wrap === "object"
          ? body
          : c.wrap === "array"
            ? `[${body}]`
            : c.wrap === "null"
              ? "null"
              : c.wrap === "string"
                ? JSON.stringify(body)
                : `{"value":${body}}`;
      const parsed = parseBody(text);
      if (!parsed.ok) return;
      const checked = validateStimulusResponse(parsed.value, request);
      const value = expectVerdict(checked);
      if (value !== undefined) {
        expect(Object.keys(value)).toEqual(["currentPa"]);
        expect(value.currentPa.length).toBe(sampleCount(request.durationMs, request.dtMs));
        expect(value.currentPa.every(Number.isFinite)).toBe(true);
      }
      if (
        c.slips.length === 0 &&
        c.lengthDelta === 0 &&
        c.wrap === "object" &&
        !hasUnsafeKey(parsed.value)
      ) {
        expect(checked.ok).toBe(true);
      }
      expectPrototypeClean();
    });
  });

  it("600 random simulateNeuron responses (NaN as Python, JavaScript and the runners write it, unsorted, out of the trial, wrong counts, repeated and __proto__ keys) end as a response or messages", () => {
    let accepted = 0;
    fuzz(simulateCase, 600, (c) => {
      const random = randomSource(c.seed);
      const request: SimulateRequest = {
        dtMs: c.dtMs,
        currentPa: Array(c.samples).fill(150),
        trials: c.trials,
        seed: 1,
        recordVoltage: c.recordVoltage,
        neuron: { ...CANONICAL_NEURON },
      };
      const durationMs = c.samples * c.dtMs;
      const trains = Array.from({ length: Math.max(0, c.trials + c.trialsDelta) }, () => {
        const count = Math.min(c.samples, Math.round((c.rateHz * durationMs * random()) / 1000));
        const times = Array.from({ length: count }, () => random() * durationMs).sort(
          (a, b) => a - b,
        );
        return (c.unsort ? times.reverse() : times).map(numberText);
      });
      const traces = Math.min(c.recordVoltage, c.trials);
      const voltageCount =
        { "one more": traces + 1, "one less": traces - 1 }[c.voltage as string] ?? traces;
      const voltage = Array.from({ length: Math.max(0, voltageCount) }, (_, k) =>
        Array.from(
          { length: c.voltage === "short trace" && k === 0 ? c.samples - 1 : c.samples },
          () => numberText(-70 + 10 * random()),
        ),
      );
      const entries: [string, string][] = [["spikeTimesMs", listsText(trains, c.slips)]];
      if (c.voltage === "null") entries.push(["voltageMv", "null"]);
      else if (c.voltage === "empty") entries.push(["voltageMv", "[]"]);
      else if (c.voltage !== "missing")
        entries.push(["voltageMv", listsText(voltage, c.voltageSlips)]);
      // A key written twice: JSON.parse keeps the last, so the first may be anything.
      if (c.repeatKey) entries.unshift(["spikeTimesMs", '"ignored"']);
      const parsed = parseBody(objectText([...entries, ...c.extras]));
      if (!parsed.ok) return;
      const checked = validateSimulateResponse(parsed.value, request);
      const value = expectVerdict(checked);
      if (value !== undefined) {
        accepted++;
        expect(hasUnsafeKey(value)).toBe(false);
        expect(value.spikeTimesMs.length).toBe(request.trials);
        for (const train of value.spikeTimesMs) {
          for (let j = 0; j < train.length; j++) {
            expect(Number.isFinite(train[j])).toBe(true);
            expect(train[j]).toBeGreaterThanOrEqual(j === 0 ? 0 : train[j - 1]);
            expect(train[j]).toBeLessThanOrEqual(durationMs * (1 + 1e-9));
          }
        }
        const expected = Math.min(request.recordVoltage, request.trials);
        expect(value.voltageMv?.length ?? 0).toBe(expected);
        for (const trace of value.voltageMv ?? []) {
          expect(trace.length).toBe(c.samples);
          expect(trace.every(Number.isFinite)).toBe(true);
        }
      }
      expectPrototypeClean();
    });
    expect(accepted).toBeGreaterThan(60);
  });
});

describe("fuzz: NaN and Infinity as Python's json.dumps writes them", () => {
  it("300 responses with one NaN, Infinity or -Infinity literal are named at their line and column, in words", () => {
    fuzz(
      fc.record({
        literal: fc.constantFrom("NaN", "Infinity", "-Infinity"),
        trials: fc.array(
          fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { maxLength: 8 }),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        trial: fc.nat(),
        at: fc.nat(),
        indent: fc.constantFrom<number | undefined>(undefined, 2),
      }),
      300,
      ({ literal, trials, trial, at, indent }) => {
        const train = trials[trial % trials.length];
        const index = at % (train.length + 1);
        // json.dumps writes a float nan as NaN: a placeholder marks where it goes.
        const marker = -123456.789;
        train.splice(index, 0, marker);
        const text = JSON.stringify({ spikeTimesMs: trials }, null, indent).replace(
          String(marker),
          literal,
        );
        expect(() => JSON.parse(text)).toThrow();
        const offset = text.indexOf(literal);
        const line = text.slice(0, offset).split("\n").length;
        const column = offset - text.lastIndexOf("\n", offset - 1);
        const said = parseJson(text, "the response");
        expect(said.ok ? [] : said.errors.map((e) => e.message)).toEqual([
          `the response is not valid JSON at line ${line} column ${column}: ${
            literal === "NaN"
              ? "NaN is not JSON (JSON has no NaN or Infinity); write null, or leave the value out"
              : "Infinity is not JSON (JSON has no NaN or Infinity); write a number or null"
          }`,
        ]);
      },
    );
  });
});

/** Heap growth of a step, in MB: what it keeps and the garbage it leaves, without a forced GC. */
function heapGrowthMb(before: number): number {
  return (process.memoryUsage().heapUsed - before) / 1e6;
}

const oneTrialRequest = (samples: number, dtMs: number, trials = 1): SimulateRequest => ({
  dtMs,
  currentPa: Array(samples).fill(0),
  trials,
  seed: 1,
  recordVoltage: 0,
  neuron: { ...CANONICAL_NEURON },
});

describe("fuzz: simulator responses at scale", () => {
  const MILLION = 1_000_000;
  const spellings = [
    '{"$nonFinite":"NaN"}',
    '{"$nonFinite":"Infinity"}',
    '{"$nonFinite":"-Infinity"}',
    "null",
    '"NaN"',
  ];

  it("3 random responses with 10^6 spike times in one trial (valid, unsorted, or out of the trial) end within 3 s", () => {
    fuzz(
      fc.record({
        kind: fc.constantFrom("valid", "unsorted", "late", "negative"),
        at: fc.integer({ min: 0, max: MILLION - 1 }),
      }),
      3,
      ({ kind, at }) => {
        const request = oneTrialRequest(MILLION, 0.001); // a trial of 1000 ms
        const train = Array.from({ length: MILLION }, (_, j) => j * 0.001);
        if (kind === "unsorted")
          [train[at], train[(at + 1) % MILLION]] = [train[(at + 1) % MILLION], train[at]];
        if (kind === "late") train[at] = 1e308;
        if (kind === "negative") train[at] = -1e-9;
        const started = performance.now();
        const value = expectVerdict(validateSimulateResponse({ spikeTimesMs: [train] }, request));
        expect(performance.now() - started).toBeLessThan(3_000);
        expect(value === undefined).toBe(kind !== "valid");
      },
      { endOnFailure: true },
    );
  });

  it("1 random response with 10^6 non-finite spike times in one trial (the runners' markers, null or strings) ends as its first problem in seconds and bounded memory", () => {
    fuzz(
      fc.constantFrom(...spellings),
      1,
      (spelling) => {
        const text = `{"spikeTimesMs":[[${Array(MILLION).fill(spelling).join(",")}]]}`;
        const value = JSON.parse(text);
        const before = process.memoryUsage().heapUsed;
        const started = performance.now();
        const checked = validateSimulateResponse(value, oneTrialRequest(MILLION, 0.001));
        expect(performance.now() - started).toBeLessThan(10_000);
        // Too large to list every problem: ajv stops at the first (its full list was ~400 MB).
        expect(heapGrowthMb(before)).toBeLessThan(200);
        expectVerdict(checked);
        expect(checked.ok ? [] : checked.errors.at(-1)?.message).toMatch(
          /is too large to list every problem; fix the one above and check again$/,
        );
      },
      { endOnFailure: true },
    );
  });

  it("4 random responses of 10^5 trials (empty, or each with a bad time) end within 3 s", () => {
    fuzz(
      fc.record({
        bad: fc.oneof(fc.constant(null), fc.constantFrom(...BAD_TEXTS)),
        trials: fc.constantFrom(100_000, 99_999, 100_001),
      }),
      4,
      ({ bad, trials }) => {
        const text = `{"spikeTimesMs":[${Array(trials)
          .fill(bad === null ? "[]" : `[0.5,${bad}]`)
          .join(",")}]}`;
        const parsed = parseBody(text);
        if (!parsed.ok) return;
        const started = performance.now();
        const value = expectVerdict(
          validateSimulateResponse(parsed.value, oneTrialRequest(2000, 0.5, 100_000)),
        );
        expect(performance.now() - started).toBeLessThan(3_000);
        if (bad === null && trials === 100_000) expect(value?.spikeTimesMs.length).toBe(100_000);
      },
      { endOnFailure: true },
    );
  });

  it("6 random responses nested up to 100000 levels deep, or with 10^5 __proto__ keys, or one key repeated 10^4 times, end as messages", () => {
    const shapes = [
      "deep spikes",
      "deep extra",
      "deep voltage",
      "deep object extra",
      "proto keys",
      "repeated key",
    ] as const;
    fuzz(
      fc.record({
        shape: fc.constantFrom(...shapes),
        depth: fc.integer({ min: 1_000, max: 100_000 }),
      }),
      6,
      ({ shape, depth }) => {
        const text =
          shape === "deep spikes"
            ? `{"spikeTimesMs":${nestedText(depth)}}`
            : shape === "deep extra"
              ? `{"spikeTimesMs":[[]],"debug":${nestedText(depth)}}`
              : shape === "deep voltage"
                ? `{"spikeTimesMs":[[]],"voltageMv":${nestedText(depth)}}`
                : shape === "deep object extra"
                  ? `{"spikeTimesMs":[[]],"debug":${nestedText(depth, '{"__proto__":1}', true)}}`
                  : shape === "proto keys"
                    ? `{"spikeTimesMs":[[]],"debug":[${Array(100_000).fill('{"__proto__":{"polluted":1}}').join(",")}]}`
                    : `{${Array(10_000).fill('"spikeTimesMs":[[-1]]').join(",")},"spikeTimesMs":[[1]]}`;
        const parsed = parseBody(text);
        expect(parsed.ok).toBe(true);
        const started = performance.now();
        const value = expectVerdict(
          validateSimulateResponse(
            parsed.ok ? parsed.value : undefined,
            oneTrialRequest(2000, 0.5),
          ),
        );
        expect(performance.now() - started).toBeLessThan(3_000);
        // Extra keys are the simulator's own business, unless they could pollute a prototype.
        expect(value === undefined).toBe(shape !== "repeated key" && shape !== "deep extra");
        expectPrototypeClean();
      },
      { endOnFailure: true },
    );
  });

  it("1 random ~100 MB simulateNeuron response, through the frame decoder in 64 KB chunks, is validated with the heap growing by a few hundred MB at most", () => {
    fuzz(
      fc.record({
        chunkBytes: fc.integer({ min: 16_384, max: 65_536 }),
        trials: fc.integer({ min: 110, max: 120 }),
      }),
      1,
      ({ chunkBytes, trials }) => {
        const samples = 100_000;
        const dtMs = 0.01; // a trial of 1000 ms, a spike at every step
        const train = Buffer.from(
          `[${Array.from({ length: samples }, (_, j) => (j * dtMs).toFixed(4)).join(",")}]`,
        );
        const parts = [Buffer.from('{"type":"result","id":1,"ok":true,"value":{"spikeTimesMs":[')];
        for (let i = 0; i < trials; i++)
          parts.push(i === 0 ? train : Buffer.concat([Buffer.from(","), train]));
        parts.push(Buffer.from("]}}"));
        const body = Buffer.concat(parts);
        expect(body.length).toBeGreaterThan(98e6);
        const frame = Buffer.concat([Buffer.alloc(FRAME_HEADER_BYTES), body]);
        frame.writeUInt32BE(body.length, 0);

        const before = process.memoryUsage().heapUsed;
        const started = performance.now();
        const decoder = new FrameDecoder();
        const bodies: string[] = [];
        for (let offset = 0; offset < frame.length; offset += chunkBytes) {
          bodies.push(...decoder.push(frame.subarray(offset, offset + chunkBytes)));
        }
        expect(bodies.length).toBe(1);
        const message = JSON.parse(bodies.pop() as string) as { value: unknown };
        const request = { ...oneTrialRequest(samples, dtMs), trials };
        const value = expectVerdict(validateSimulateResponse(message.value, request));
        expect(value?.spikeTimesMs.length).toBe(trials);
        expect(performance.now() - started).toBeLessThan(30_000);
        expect(heapGrowthMb(before)).toBeLessThan(500);
      },
      { endOnFailure: true },
    );
  });
});

describe("regressions found by the fuzz properties", () => {
  it("2*10^5 NaN markers in one trial: the first problem and a note, not 2*10^5 messages", () => {
    // Every one of ajv's errors was written as a message before all but 20 were dropped: for 10^6
    // markers (a 20 MB response), 10 s and 1.1 GB.
    const markers = Array.from({ length: 200_000 }, () => ({ $nonFinite: "NaN" }));
    const started = performance.now();
    const checked = validateSimulateResponse(
      { spikeTimesMs: [markers] },
      oneTrialRequest(200_000, 0.005),
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    const messages = checked.ok ? [] : checked.errors.map((e) => e.message);
    expect(messages).toEqual([
      "spikeTimesMs[0][0] is NaN; expected a finite number in ms",
      expect.stringMatching(
        /is too large to list every problem; fix the one above and check again$/,
      ),
    ]);
  });

  it("a __proto__ key nested 10^5 objects deep is named by a shortened path, not a line of 200 KB", () => {
    const text = `{"spikeTimesMs":[[]],"debug":${nestedText(100_000, '{"__proto__":1}', true)}}`;
    const checked = validateSimulateResponse(JSON.parse(text), oneTrialRequest(2000, 0.5));
    const messages = checked.ok ? [] : checked.errors.map((e) => e.message);
    expect(messages).toEqual([
      `debug${".a".repeat(26)} ... ${"a.".repeat(28)}a has a key "__proto__"; keys named __proto__, constructor or prototype are not allowed`,
    ]);
  });
});
