import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// docs/architecture.md: no function of src/ over MAX_LINES lines unless the comment above it says why
// it is long, with the words "Long because".
const MAX_LINES = 60;
const REASON = /Long because/;
const root = join(import.meta.dirname, "../..");

interface LongFunction {
  where: string;
  lines: number;
}

function nameOf(node: ts.Node): string {
  const named = node as { name?: ts.Node };
  if (named.name) return named.name.getText();
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))) {
    return parent.name.getText();
  }
  return "(a callback)";
}

/** Whether a comment before the function, or before the statement or property holding it, says why. */
function explained(node: ts.Node, text: string): boolean {
  for (let at: ts.Node | undefined = node, up = 0; at && up < 4; at = at.parent, up++) {
    const comments = ts.getLeadingCommentRanges(text, at.getFullStart()) ?? [];
    if (comments.some((c) => REASON.test(text.slice(c.pos, c.end)))) return true;
    if (ts.isSourceFile(at)) break;
  }
  return false;
}

/** The functions of one source longer than `max` lines without a stated reason. */
function longFunctions(path: string, text: string, max = MAX_LINES): LongFunction[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > max && !explained(node, text)) {
        found.push({ where: `${path}:${first + 1} ${nameOf(node)}`, lines });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("function length", () => {
  it("finds a long function, and accepts one whose comment says why", () => {
    const body = Array.from({ length: 70 }, (_, i) => `  total += ${i};`).join("\n");
    const long = `function sum() {\n  let total = 0;\n${body}\n  return total;\n}\n`;
    expect(longFunctions("a.ts", long).map((f) => f.where)).toEqual(["a.ts:1 sum"]);
    expect(longFunctions("a.ts", `// Long because it is a table.\n${long}`)).toEqual([]);
    const arrow = `export const run = async () => {\n${body}\n};\n`;
    expect(longFunctions("b.ts", arrow).map((f) => f.where)).toEqual(["b.ts:1 run"]);
  });

  it(`no function of src/ is over ${MAX_LINES} lines without a reason`, () => {
    const files = execFileSync("git", ["ls-files", "src/**/*.ts"], { cwd: root, encoding: "utf8" })
      .split("\n")
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      // ajv's code, generated from reference/schema/ by dev/compile-schemas.ts.
      .filter((f) => !f.startsWith("src/protocol/compiled-schemas/"));
    expect(files.length).toBeGreaterThan(100);
    const long = files.flatMap((f) => longFunctions(f, readFileSync(join(root, f), "utf8")));
    expect(long.map((f) => `${f.where} (${f.lines} lines)`)).toEqual([]);
  });
});
