import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runnersFolder } from "../../src/submission/runner-files.js";

// The notebook rules of the Python runner, called directly on cell sources.
function runnerCall(functionName: string, argument: unknown): unknown {
  const script = [
    "import importlib.util, json, sys",
    "spec = importlib.util.spec_from_file_location('runner', sys.argv[1])",
    "runner = importlib.util.module_from_spec(spec)",
    "spec.loader.exec_module(runner)",
    "print(json.dumps(getattr(runner, sys.argv[2])(json.loads(sys.argv[3]))))",
  ].join("\n");
  const runner = join(runnersFolder(), "python_runner.py");
  const out = execFileSync(
    "python3",
    ["-I", "-B", "-c", script, runner, functionName, JSON.stringify(argument)],
    {
      encoding: "utf8",
    },
  );
  return JSON.parse(out);
}

describe("strip_magics", () => {
  it.each([
    ["%whos\nx = 1", "\nx = 1"],
    ["!pip install numpy \\\n    scipy\nx = 1", "\n\nx = 1"],
    ["x = !ls\nfiles = %sx ls\nnp.zeros?\n??np\nx = 1", "\n\n\n\nx = 1"],
    ["if True:\n    %time f()\n", "if True:\n    pass\n"],
    ["for i in r:\n    a = i\n    %time f()\n", "for i in r:\n    a = i\n\n"],
    ["y = (7\n% 3)", "y = (7\n% 3)"],
    ["y = 7 \\\n% 3", "y = 7 \\\n% 3"],
    ['s = """\n%text\n!text\n"""\n%whos', 's = """\n%text\n!text\n"""\n'],
    [
      "s = '%s' % x  # ( unbalanced in a comment\n%whos",
      "s = '%s' % x  # ( unbalanced in a comment\n",
    ],
    ["d = {'a': [1,\n2]}\n!ls", "d = {'a': [1,\n2]}\n"],
  ])("%j", (source, expected) => {
    expect(runnerCall("strip_magics", source)).toBe(expected);
  });
});

describe("notebook_code", () => {
  const code = (source: string | string[], tags?: string[]) => ({
    cell_type: "code",
    metadata: tags === undefined ? {} : { tags },
    source,
  });

  it("runs every code cell in order when none is tagged, numbering all cells from 1", () => {
    const notebook = {
      cells: [
        { cell_type: "markdown", metadata: { tags: ["spikegrade"] }, source: "x" },
        code(["a = 1\n", "b = 2\n"]),
        code("%%timeit\nf()"),
        code("c = 3"),
      ],
    };
    expect(runnerCall("notebook_code", notebook)).toEqual([
      [2, "a = 1\nb = 2\n"],
      [3, null],
      [4, "c = 3"],
    ]);
  });

  it("runs only tagged code cells where any code cell is tagged", () => {
    const notebook = {
      cells: [code("a = 1"), code("b = 2", ["spikegrade"]), code("c = 3", ["other"])],
    };
    expect(runnerCall("notebook_code", notebook)).toEqual([[2, "b = 2"]]);
  });
});
