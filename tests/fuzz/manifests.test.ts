/**
 * Fuzzing the manifest boundary: whatever submission.json holds (any JSON value, any text, any
 * bytes, nesting a hundred thousand levels deep), parseJson, validateManifest and readSubmission
 * end in a manifest or in messages, never in an exception.
 */

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parseJson } from "../../src/protocol/read-json.js";
import { validateManifest } from "../../src/protocol/validate-manifest.js";
import { readSubmission } from "../../src/submission/read-submission.js";
import {
  expectMessage,
  expectPrototypeClean,
  expectVerdict,
  fuzz,
  fuzzAsync,
  hasUnsafeKey,
  jsonTextArbitrary,
  NON_FINITE_TEXTS,
  nested,
  nestedText,
  ODD_KEYS,
  objectText,
} from "./fuzz.js";

const scratch = await mkdtemp(join(tmpdir(), "spikegrade-fuzz-manifest-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const LABEL = "submission.json";
const json = (value: unknown) => JSON.stringify(value);
const anyJson = jsonTextArbitrary(3);

/** A string field: values that keep its rule, and values near it or anything at all. */
interface Field {
  valid: fc.Arbitrary<string>;
  any: fc.Arbitrary<string>;
}

function field(near: readonly string[], pattern: RegExp): Field {
  const valid = fc.stringMatching(pattern).map(json);
  const any = fc.oneof(
    { arbitrary: valid, weight: 3 },
    { arbitrary: fc.constantFrom(...near).map(json), weight: 3 },
    { arbitrary: fc.string({ maxLength: 40, unit: "binary" }).map(json), weight: 1 },
    { arbitrary: anyJson, weight: 1 },
  );
  return { valid, any };
}

const team = field(
  ["team-a", "a", "a".repeat(64), "a".repeat(65), "Team-A", "-a", "", " a", "a b", "équipe"],
  /^[a-z0-9][a-z0-9_-]{0,63}$/,
);
const id = field(
  ["s1", "S1", " s1", "s2190031", "a@b.c", ".s1", "", "s".repeat(129)],
  /^[A-Za-z0-9][\w.@+-]{0,127}$/,
);
const name = field(
  ["Ada Lovelace", "", " ", "Ada\nLovelace", "\t", "x".repeat(200), "x".repeat(201)],
  /^[A-Za-z][A-Za-z .'-]{0,60}$/,
);
const paths = (extension: string) => [
  `simulator${extension}`,
  `src/sim${extension}`,
  `../sim${extension}`,
  `a/../../sim${extension}`,
  `./sim${extension}`,
  `/abs${extension}`,
  `C:/sim${extension}`,
  `a\\b${extension}`,
  `sim\u0000${extension}`,
  `${"d/".repeat(130)}s${extension}`,
  "submission.json",
  "./submission.json",
  "x/../submission.json",
  "sim.txt",
  "",
  ".",
  "..",
];
const entry = field(
  [...paths(".py"), ...paths(".ts"), "nb.ipynb", "lif.mjs"],
  /^[\w-]{1,12}(\/[\w-]{1,8})?\.(py|ts|mts|js|mjs|ipynb)$/,
);
const resultsPath = field(paths(".json"), /^[\w-]{1,12}(\/[\w-]{1,8})?\.json$/);

/** A key and its value, as JSON text: one of the manifest's, or an odd one. */
const noise = fc.tuple(
  fc.oneof(
    fc.constantFrom(...ODD_KEYS, "team", "members", "simulator", "results", "Team", "member"),
    fc.string({ maxLength: 10 }),
  ),
  anyJson,
);
const someNoise = (count: number) =>
  fc.oneof(
    { arbitrary: fc.constant([]), weight: 3 },
    { arbitrary: fc.array(noise, { minLength: 1, maxLength: count }), weight: 1 },
  );

/**
 * submission.json as text. "valid" keeps every rule; "slip" breaks one field; "wild" may break
 * any field, drop it, repeat keys, add odd keys (__proto__, constructor...), a BOM or trailing text.
 */
function manifestText(mode: "valid" | "slip" | "wild"): fc.Arbitrary<string> {
  const fields = ["team", "id", "name", "entry", "results", "members", "file"] as const;
  return fc.constantFrom(...fields).chain((slipped) => {
    const wild = (which: (typeof fields)[number]) =>
      mode === "wild" || (mode === "slip" && which === slipped);
    const pick = (which: "team" | "id" | "name" | "entry" | "results", f: Field) =>
      wild(which) ? f.any : f.valid;
    const noisy = (count: number) => (mode === "wild" ? someNoise(count) : fc.constant([]));
    const optional = (arbitrary: fc.Arbitrary<string>, which: (typeof fields)[number]) =>
      wild(which) ? fc.option(arbitrary, { freq: 10 }) : arbitrary;
    const member = fc
      .tuple(optional(pick("id", id), "id"), optional(pick("name", name), "name"), noisy(2))
      .map(([i, n, more]) =>
        objectText([
          ...(i === null ? [] : [["id", i] as const]),
          ...(n === null ? [] : [["name", n] as const]),
          ...more,
        ]),
      );
    const members = wild("members")
      ? fc.array(fc.oneof({ arbitrary: member, weight: 4 }, { arbitrary: anyJson, weight: 1 }), {
          maxLength: 5,
        })
      : fc.array(member, { minLength: 1, maxLength: 3 });
    const simulator = fc
      .tuple(optional(pick("entry", entry), "entry"), noisy(2))
      .map(([e, more]) => objectText([...(e === null ? [] : [["entry", e] as const]), ...more]));
    return fc
      .record({
        team: optional(pick("team", team), "team"),
        members: optional(
          members.map((list) => `[${list.join(",")}]`),
          "members",
        ),
        file: wild("file")
          ? fc.constantFrom("simulator", "results", "both", "neither")
          : fc.constantFrom("simulator", "results"),
        simulator: wild("entry")
          ? fc.oneof({ arbitrary: simulator, weight: 5 }, { arbitrary: anyJson, weight: 1 })
          : simulator,
        results: pick("results", resultsPath),
        noise: noisy(3),
        noiseFirst: fc.boolean(),
        prefix:
          mode === "wild"
            ? fc.constantFrom("", "", "", "", "\ufeff", " \n\t", "\ufeff\ufeff", "\u0000")
            : fc.constantFrom("", "\ufeff", "\n"),
        suffix:
          mode === "wild"
            ? fc.constantFrom("", "", "", "", "\n", ",", "}", "]", " x", " // note", "\u0000")
            : fc.constantFrom("", "\n"),
      })
      .map((m) => {
        const core: [string, string][] = [];
        if (m.team !== null) core.push(["team", m.team]);
        if (m.members !== null) core.push(["members", m.members]);
        if (m.file === "simulator" || m.file === "both") core.push(["simulator", m.simulator]);
        if (m.file === "results" || m.file === "both") core.push(["results", m.results]);
        const entries = m.noiseFirst ? [...m.noise, ...core] : [...core, ...m.noise];
        return `${m.prefix}${objectText(entries)}${m.suffix}`;
      });
  });
}

const anyManifestText = fc.oneof(
  { arbitrary: manifestText("valid"), weight: 1 },
  { arbitrary: manifestText("slip"), weight: 2 },
  { arbitrary: manifestText("wild"), weight: 2 },
);

/** Edits that break JSON text the way people do: a character lost, added, or a word from Python. */
const edit = fc.record({
  at: fc.nat(),
  remove: fc.integer({ min: 0, max: 3 }),
  insert: fc.oneof(
    fc.constantFrom(
      "",
      ",",
      "}",
      "]",
      "{",
      "[",
      ":",
      '"',
      "'",
      "\\",
      "\n",
      "//",
      "/*",
      ".5",
      "None",
      "True",
      "undefined",
      ...NON_FINITE_TEXTS,
    ),
    fc.string({ maxLength: 3, unit: "binary" }),
  ),
});
const editedText = fc
  .tuple(anyManifestText, fc.array(edit, { minLength: 1, maxLength: 3 }))
  .map(([text, edits]) =>
    edits.reduce((t, e) => {
      const at = t.length === 0 ? 0 : e.at % (t.length + 1);
      return t.slice(0, at) + e.insert + t.slice(at + e.remove);
    }, text),
  );

/** A parsed or refused submission.json, then (if parsed) its validation: a verdict either way. */
function judgeText(text: string): void {
  const parsed = parseJson(text, LABEL);
  const value = expectVerdict(parsed);
  if (!parsed.ok) {
    for (const error of parsed.errors) expect(error.message.startsWith(LABEL)).toBe(true);
    return;
  }
  judgeValue(value);
}

function judgeValue(value: unknown): void {
  const manifest = expectVerdict(validateManifest(value));
  if (manifest !== undefined) {
    expect(hasUnsafeKey(manifest)).toBe(false);
    expect(manifest.team).toMatch(/^[a-z0-9][a-z0-9_-]{0,63}$/);
    expect(manifest.members.length).toBeGreaterThanOrEqual(1);
    expect(manifest.members.length).toBeLessThanOrEqual(3);
    expect((manifest.simulator === undefined) !== (manifest.results === undefined)).toBe(true);
  }
  expectPrototypeClean();
}

describe("fuzz: submission.json", () => {
  it("500 random JSON values (fc.jsonValue) are each judged by validateManifest", () => {
    fuzz(fc.jsonValue(), 500, judgeValue);
  });

  it("600 random manifest texts (near-valid fields, odd, duplicated and __proto__ keys, NaN literals, BOMs) end as a manifest or messages", () => {
    fuzz(anyManifestText, 600, judgeText);
  });

  it("400 manifest texts broken by hand-like edits (a lost comma, Python's None, NaN) end as messages", () => {
    fuzz(editedText, 400, judgeText);
  });

  it("300 random texts (any code points, lone surrogates, control characters) end as messages", () => {
    fuzz(
      fc.oneof(
        fc.string({ unit: "binary", maxLength: 60 }),
        anyJson,
        fc.constantFrom("", " ", "\ufeff"),
      ),
      300,
      judgeText,
    );
  });

  it("40 manifests with an own __proto__ or constructor key, however spelt in the text, are refused and pollute nothing", () => {
    const spellings = ['"__proto__"', '"__pro\\u0074o__"', '"\\u005f_proto__"', '"constructor"'];
    fuzz(
      fc.tuple(fc.constantFrom(...spellings), fc.constantFrom("root", "member", "simulator")),
      40,
      ([key, where]) => {
        const poison = `${key}:{"polluted":true,"isAdmin":true}`;
        const memberText = `{"id":"s1","name":"Ada"${where === "member" ? `,${poison}` : ""}}`;
        const simulatorText = `{"entry":"sim.py"${where === "simulator" ? `,${poison}` : ""}}`;
        const text = `{"team":"t","members":[${memberText}],"simulator":${simulatorText}${where === "root" ? `,${poison}` : ""}}`;
        const parsed = parseJson(text, LABEL);
        expect(parsed.ok).toBe(true);
        const checked = validateManifest(parsed.ok ? parsed.value : undefined);
        expect(checked.ok).toBe(false);
        expectVerdict(checked);
        expectPrototypeClean();
      },
    );
  });

  it("48 manifests with one field nested up to 100000 levels deep, a million characters long or ten thousand items wide end as messages within seconds", () => {
    const fields = [
      "root",
      "team",
      "members",
      "member",
      "name",
      "simulator",
      "entry",
      "results",
      "extra",
    ] as const;
    const shapes = ["deep arrays", "deep objects", "long string", "wide array", "wide object"];
    fuzz(
      fc.record({
        field: fc.constantFrom(...fields),
        shape: fc.constantFrom(...shapes),
        size: fc.integer({ min: 1_000, max: 100_000 }),
        viaText: fc.boolean(),
      }),
      48,
      ({ field, shape, size, viaText }) => {
        const bulk = (): unknown => {
          if (shape === "deep arrays") return nested(size);
          if (shape === "deep objects") return nested(size, 1, true);
          if (shape === "long string") return "x".repeat(size * 10);
          if (shape === "wide array") return Array.from({ length: size / 10 }, (_, i) => [i, {}]);
          return Object.fromEntries(Array.from({ length: size / 10 }, (_, i) => [`k${i}`, i]));
        };
        const base = {
          team: "t",
          members: [{ id: "s1", name: "Ada" }],
          simulator: { entry: "sim.py" },
        } as Record<string, unknown>;
        const value: unknown =
          field === "root"
            ? bulk()
            : field === "member"
              ? { ...base, members: [bulk(), { id: "s2", name: "B" }, 1, 2] }
              : field === "name"
                ? { ...base, members: [{ id: "s1", name: bulk() }] }
                : field === "entry"
                  ? { ...base, simulator: { entry: bulk() } }
                  : { ...base, [field]: bulk() };
        const started = performance.now();
        if (viaText && shape.startsWith("deep")) {
          // Built as text, so that parsing the depth is part of the case.
          const text = JSON.stringify({ ...base, x: 0 }).replace(
            '"x":0',
            `"x":${nestedText(size, "1", shape === "deep objects")}`,
          );
          judgeText(text);
        } else {
          judgeValue(value);
        }
        expect(performance.now() - started).toBeLessThan(5_000);
      },
      { endOnFailure: true },
    );
  });
});

describe("fuzz: readSubmission", () => {
  const encodings = fc.constantFrom("utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "latin1");
  const encode = (text: string, encoding: string): Buffer => {
    if (encoding === "utf8") return Buffer.from(text, "utf8");
    if (encoding === "utf8-bom") return Buffer.from(`\ufeff${text}`, "utf8");
    if (encoding === "utf16le") return Buffer.from(text, "utf16le");
    if (encoding === "utf16le-bom") return Buffer.from(`\ufeff${text}`, "utf16le");
    if (encoding === "latin1") return Buffer.from(text, "latin1");
    return Buffer.from(`\ufeff${text}`, "utf16le").swap16();
  };
  const nearValid = fc.oneof(
    { arbitrary: manifestText("valid"), weight: 2 },
    { arbitrary: anyManifestText, weight: 1 },
  );
  const contents = fc.oneof(
    { arbitrary: nearValid.map((t) => encode(t, "utf8")), weight: 8 },
    { arbitrary: fc.tuple(nearValid, encodings).map(([t, e]) => encode(t, e)), weight: 2 },
    { arbitrary: editedText.map((t) => Buffer.from(t)), weight: 2 },
    { arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)), weight: 1 },
    { arbitrary: fc.constant(Buffer.alloc(0)), weight: 1 },
  );
  let folders = 0;

  /** The file the manifest names, where it would lie inside the folder, so that some cases pass. */
  const createNamedFile = (dir: string, bytes: Buffer): void => {
    let named: unknown;
    try {
      const value = JSON.parse(bytes.toString("utf8").replace(/^\ufeff/, "")) as Record<
        string,
        unknown
      >;
      named = (value.simulator as Record<string, unknown> | undefined)?.entry ?? value.results;
    } catch {
      return;
    }
    if (typeof named !== "string" || named.includes("\u0000")) return;
    const path = resolve(dir, named);
    if (!path.startsWith(dir + sep)) return;
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, "");
    } catch {
      // A name the file system refuses (too long, a folder in the way): the case goes on without it.
    }
  };

  it("80 folders whose submission.json holds random bytes, text or manifests (with or without the named file) end as a submission or messages", async () => {
    await fuzzAsync(
      fc.record({
        contents,
        kind: fc.constantFrom(...Array(8).fill("file"), "missing", "folder"),
        withFiles: fc.constantFrom(true, true, true, false),
      }),
      80,
      async ({ contents: bytes, kind, withFiles }) => {
        const dir = join(scratch, `team-${++folders}`);
        mkdirSync(join(dir, "src"), { recursive: true });
        if (kind === "file") writeFileSync(join(dir, "submission.json"), bytes);
        if (kind === "folder") mkdirSync(join(dir, "submission.json"));
        if (withFiles) createNamedFile(dir, bytes);
        const read = await readSubmission(dir, { teamFrom: "folder" });
        if (read.ok) {
          expect(read.submission.team).toBe(`team-${folders}`);
          expect(["simulator", "results"]).toContain(read.submission.kind);
          expect(hasUnsafeKey(read.submission.manifest)).toBe(false);
          for (const warning of read.submission.warnings) expect(warning.length).toBeGreaterThan(0);
        } else {
          expect(read.errors.length).toBeGreaterThan(0);
          for (const error of read.errors) expectMessage(error);
        }
        expectPrototypeClean();
      },
    );
  });
});

describe("regressions found by the fuzz properties", () => {
  it("a team of four whose first member nests 100000 arrays deep is described, not a stack overflow", () => {
    // abbreviate recursed once per level to fill the template's {value}: RangeError.
    const checked = validateManifest({
      team: "t",
      members: [nested(100_000), 1, 2, 3],
      results: "figure1.json",
    });
    expect(checked.ok ? [] : checked.errors.map((e) => e.message)).toContain(
      "members has 4 students; a team has 1 to 3",
    );
  });

  it("20000 broken members are judged in milliseconds, not each error compared with every other", () => {
    // dropEchoes compared every error with every wrong type: a 75 KB file took 42 s.
    const started = performance.now();
    const checked = validateManifest({
      team: "t",
      members: Array.from({ length: 20_000 }, (_, i) => (i % 2 ? 1 : {})),
      results: "figure1.json",
    });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(checked.ok ? [] : checked.errors.map((e) => e.message)).toEqual([
      "members has 20000 students; a team has 1 to 3",
      "members[0].id is missing; expected a string",
      "members[0].name is missing; expected a string",
      "members[1] is 1; expected an object",
      ...Array.from({ length: 16 }, (_, k) => {
        const i = 2 + Math.floor((k * 2) / 3);
        return k % 3 === 2
          ? `members[${i}] is 1; expected an object`
          : `members[${i}].${k % 3 === 0 ? "id" : "name"} is missing; expected a string`;
      }),
      "29981 more problems not shown",
    ]);
  });

  it("an unknown key of a million characters costs no edit distance and is shortened in the message", () => {
    const key = "k".repeat(1_000_000);
    const started = performance.now();
    const checked = validateManifest({
      team: "t",
      members: [{ id: "s1", name: "Ada" }],
      results: "figure1.json",
      [key]: 1,
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(checked.ok ? [] : checked.errors.map((e) => e.message)).toEqual([
      `submission.json has an unknown key "${"k".repeat(37)}..."; expected team, members, simulator or results`,
    ]);
  });
});
