import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCliAsync } from "../helpers/cli.js";

// docs/ is the contract. These tests keep it honest: every relative link of README.md and docs/
// leads somewhere, nothing points at the old SPEC any more, the checks table of docs/contract.md
// is reference/rubric.json's, and every option of every command's --help is documented there.
// After a deliberate change to the rubric, UPDATE_DOCS=1 npx vitest run tests/house/docs.test.ts
// rewrites the checks table.

const UPDATE = process.env.UPDATE_DOCS === "1";
const CONTRACT = "docs/contract.md";

/**
 * docs/ files that other parts of issue 10 write, linked before they exist. A link to one passes
 * while it is missing; once it exists, take it out of this list so that its links are checked.
 */
const PENDING = new Set<string>([]);

// --- markdown ------------------------------------------------------------------------------------

/** The text without fenced code blocks and inline code, line numbers kept. */
function prose(markdown: string): string {
  let fenced = false;
  return markdown
    .split("\n")
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return "";
      }
      return fenced ? "" : line.replace(/`[^`]*`/g, "``");
    })
    .join("\n");
}

/** The relative targets of a file's links and images ("docs/x.md#anchor"), not URLs. */
function relativeLinks(markdown: string): string[] {
  const targets: string[] = [];
  for (const match of prose(markdown).matchAll(
    /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
  )) {
    const target = match[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    targets.push(target);
  }
  return targets;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The anchors a file's headings give, a repeated heading numbered as GitHub does (-1, -2). */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading === null) continue;
    const base = slug(heading[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count === 0 ? base : `${base}-${count}`);
  }
  return found;
}

/** What is wrong with the links of file (relative to the repository), in words. */
function brokenLinks(file: string, read: (path: string) => string | undefined): string[] {
  const text = read(file);
  if (text === undefined) return [`${file} is missing`];
  const problems: string[] = [];
  for (const target of relativeLinks(text)) {
    const [path, anchor] = target.split("#", 2);
    const linked = path === "" ? file : normalize(join(dirname(file), decodeURI(path)));
    if (PENDING.has(linked) && read(linked) === undefined) continue;
    const content = read(linked);
    if (content === undefined && !existsSync(join(ROOT, linked))) {
      problems.push(`${file}: ${target}: ${linked} does not exist`);
    } else if (anchor !== undefined && anchor !== "" && linked.endsWith(".md")) {
      if (!anchors(content ?? "").has(anchor)) {
        problems.push(`${file}: ${target}: ${linked} has no heading #${anchor}`);
      }
    }
  }
  return problems;
}

function readRepoFile(path: string): string | undefined {
  const full = join(ROOT, path);
  try {
    return readFileSync(full, "utf8");
  } catch {
    return undefined;
  }
}

function docsFiles(): string[] {
  return readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`)
    .sort();
}

// --- the old contract ------------------------------------------------------------------------------

/** The old contract, by its file's name or by its name in a comment (this file is left out). */
const OLD_CONTRACT = /SPEC\.md|\bSPEC\b/;

/** Lines of text that still point at the old contract, as "file:line: text". */
function oldContractMentions(file: string, text: string): string[] {
  return text
    .split("\n")
    .flatMap((line, i) => (OLD_CONTRACT.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));
}

/** Every file of the repository that git would commit (tracked, or new and not ignored). */
function repositoryFiles(): string[] {
  return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .split("\n")
    .filter((path) => path !== "" && existsSync(join(ROOT, path)));
}

// --- the checks table ----------------------------------------------------------------------------

interface RubricRow {
  id: string;
  title: string;
  points: number;
  visibility: "public" | "hidden";
}

const TABLE_START = /^<!-- checks-table:.*-->$/m;
const TABLE_END = "<!-- /checks-table -->";

/** The checks table of docs/contract.md, as the rubric's checks make it. */
function checksTable(checks: readonly RubricRow[]): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const total = (visibility: string) =>
    checks.filter((c) => c.visibility === visibility).reduce((sum, c) => sum + c.points, 0);
  return [
    "| id | title | points | visibility |",
    "| --- | --- | ---: | --- |",
    ...checks.map((c) => `| \`${c.id}\` | ${cell(c.title)} | ${c.points} | ${c.visibility} |`),
    "",
    `Public checks: ${total("public")} points; hidden checks: ${total("hidden")} points; ${total("public") + total("hidden")} in all.`,
  ].join("\n");
}

/** The text between the table's markers, or undefined when the markers are not there. */
function tableInDoc(doc: string): { before: string; table: string; after: string } | undefined {
  const start = TABLE_START.exec(doc);
  const end = doc.indexOf(TABLE_END);
  if (start === null || end < start.index) return undefined;
  const open = start.index + start[0].length + 1;
  return {
    before: doc.slice(0, open),
    table: doc.slice(open, end).trimEnd(),
    after: doc.slice(end),
  };
}

// --- the command line ----------------------------------------------------------------------------

/** The names listed under a help text's heading ("Options:" or "Commands:"). */
function helpEntries(help: string, heading: "Options" | "Commands"): string[] {
  const lines = help.split("\n");
  const start = lines.findIndex((line) => line.trim() === `${heading}:`);
  if (start < 0) return [];
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== "" && !line.startsWith(" ")) break;
    const entry =
      heading === "Options"
        ? /^ {2}(?:-\w, )?(--[a-z][a-z-]*)/.exec(line)
        : /^ {2}([a-z][a-z-]*)[\s[<]/.exec(line);
    if (entry) names.push(entry[1]);
  }
  return names;
}

/** The section of doc under the heading "`spikegrade <command>`", up to the next heading as high. */
function commandSection(doc: string, command: string): string | undefined {
  const lines = doc.split("\n");
  const level = (line: string) => /^(#{1,6}) /.exec(line)?.[1].length ?? 0;
  const at = lines.findIndex(
    (line) => level(line) >= 2 && line.endsWith(`\`spikegrade ${command}\``),
  );
  if (at < 0) return undefined;
  const end = lines.findIndex(
    (line, i) => i > at && level(line) > 0 && level(line) <= level(lines[at]),
  );
  return lines.slice(at, end < 0 ? undefined : end).join("\n");
}

/** The options a command's --help lists that its section of the doc does not mention. */
function undocumentedOptions(section: string, options: readonly string[]): string[] {
  return options.filter(
    (option) => option !== "--help" && !new RegExp(`${option}(?![a-z-])`).test(section),
  );
}

async function help(command: string[]): Promise<string> {
  const run = await runCliAsync([...command, "--help"]);
  expect(run.code, `spikegrade ${command.join(" ")} --help: ${run.stderr}`).toBe(0);
  return run.stdout;
}

/** Every command and subcommand of the CLI with its options, from the --help texts themselves. */
async function commandsAndOptions(): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const visit = async (command: string[]) => {
    const text = await help(command);
    if (command.length > 0) found.set(command.join(" "), helpEntries(text, "Options"));
    const subcommands = helpEntries(text, "Commands").filter((name) => name !== "help");
    await Promise.all(subcommands.map((name) => visit([...command, name])));
  };
  await visit([]);
  return found;
}

// --- the tests -----------------------------------------------------------------------------------

describe("the documentation's own rules, on made-up text", () => {
  it("finds a broken link and a missing anchor, and accepts good ones", () => {
    const files: Record<string, string> = {
      "docs/a.md":
        "# A\n## Two words\nSee [b](b.md#b-heading), [bad](b.md#nope), [gone](c.md), `[no](x.md)`, [web](https://x.org).\n",
      "docs/b.md": "# B heading\n",
    };
    expect(brokenLinks("docs/a.md", (p) => files[p])).toEqual([
      "docs/a.md: b.md#nope: docs/b.md has no heading #nope",
      "docs/a.md: c.md: docs/c.md does not exist",
    ]);
    expect(
      anchors("# `spikegrade check`\n## result.json and `check --json`\n## A\n## A\n"),
    ).toEqual(new Set(["spikegrade-check", "resultjson-and-check---json", "a", "a-1"]));
  });

  it("finds the old contract named in a file", () => {
    expect(
      oldContractMentions("x.ts", "ok\n// as SPEC's units say\nsee ../shared/SPEC.md"),
    ).toEqual(["x.ts:2: // as SPEC's units say", "x.ts:3: see ../shared/SPEC.md"]);
    expect(oldContractMentions("x.ts", "SPECTRUM, spec, docs/contract.md")).toEqual([]);
  });

  it("finds a checks table that the rubric contradicts", () => {
    const rows: RubricRow[] = [{ id: "load", title: "loads", points: 1, visibility: "public" }];
    const doc = `x\n<!-- checks-table: generated -->\n${checksTable(rows)}\n${TABLE_END}\n`;
    expect(tableInDoc(doc)?.table).toBe(checksTable(rows));
    expect(tableInDoc(doc)?.table).not.toBe(checksTable([{ ...rows[0], points: 2 }]));
  });

  it("finds an option of --help missing from its command's section", () => {
    const helpText =
      "Usage: spikegrade grade [options] <dir>\n\nOptions:\n  --out <dir>   the output\n  --jobs <n>    teams\n  -h, --help    help\n";
    expect(helpEntries(helpText, "Options")).toEqual(["--out", "--jobs", "--help"]);
    const doc =
      "## CLI\n### `spikegrade grade`\nUse `--out` and `--output`.\n### `spikegrade merge`\n`--jobs`\n";
    const section = commandSection(doc, "grade") ?? "";
    expect(undocumentedOptions(section, helpEntries(helpText, "Options"))).toEqual(["--jobs"]);
    expect(commandSection(doc, "check")).toBeUndefined();
  });
});

describe("the documentation", () => {
  it("every relative link of README.md, SECURITY.md and docs/*.md leads to a file and heading", () => {
    const files = ["README.md", "SECURITY.md", ...docsFiles()];
    expect(files).toContain(CONTRACT);
    expect(files.flatMap((file) => brokenLinks(file, readRepoFile))).toEqual([]);
  });

  it("a file waiting in PENDING is still missing (once it exists, its links are checked)", () => {
    expect([...PENDING].filter((file) => existsSync(join(ROOT, file)))).toEqual([]);
  });

  it("the README's Documentation list links every file of docs/", () => {
    const readme = readRepoFile("README.md") ?? "";
    const list = /^## Documentation\n([\s\S]*?)\n## /m.exec(readme)?.[1] ?? "";
    const linked = new Set(relativeLinks(list).map((target) => target.split("#")[0]));
    const wanted = [...new Set([...docsFiles(), ...PENDING])];
    expect(wanted.filter((file) => !linked.has(file))).toEqual([]);
  });

  it("no file of the repository points at the old contract", () => {
    const self = "tests/house/docs.test.ts";
    const mentions = repositoryFiles()
      .filter((file) => file !== self)
      .flatMap((file) => {
        const bytes = readFileSync(join(ROOT, file));
        return bytes.includes(0) ? [] : oldContractMentions(file, bytes.toString("utf8"));
      });
    expect(mentions).toEqual([]);
  });

  it("the checks table of docs/contract.md is reference/rubric.json's", () => {
    const rubric = JSON.parse(readRepoFile("reference/rubric.json") ?? "") as {
      checks: RubricRow[];
    };
    const doc = readRepoFile(CONTRACT) ?? "";
    const found = tableInDoc(doc);
    expect(found, `${CONTRACT} has no checks-table markers`).toBeDefined();
    const wanted = checksTable(rubric.checks);
    if (UPDATE && found && found.table !== wanted) {
      writeFileSync(join(ROOT, CONTRACT), `${found.before}${wanted}\n${found.after}`);
      return;
    }
    expect(found?.table, "run UPDATE_DOCS=1 npx vitest run tests/house/docs.test.ts").toBe(wanted);
  });

  it("docs/contract.md documents every command and every option their --help lists", async () => {
    const doc = readRepoFile(CONTRACT) ?? "";
    const commands = await commandsAndOptions();
    expect([...commands.keys()]).toEqual(expect.arrayContaining(["check", "grade", "validate"]));
    const missing: string[] = [];
    for (const [command, options] of commands) {
      const section = commandSection(doc, command);
      if (section === undefined) {
        missing.push(`no section "### \`spikegrade ${command}\`"`);
        continue;
      }
      for (const option of undocumentedOptions(section, options)) {
        missing.push(`spikegrade ${command} ${option}`);
      }
    }
    expect(missing).toEqual([]);
    expect(doc).toMatch(/--version(?![a-z-])/);
  });
});
