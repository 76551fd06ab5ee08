import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { permissionFlag } from "../../src/submission/launch-plan.js";
import { runnersFolder } from "../../src/submission/runner-files.js";

// What keeps a simulator loading beyond the machine the suite runs on: Node versions that spell
// the permission model's flag differently, and a Python without Linux's prctl (macOS).

describe("the permission model's flag", () => {
  it("is spelt as each Node version accepts it", () => {
    expect(permissionFlag("20.19.4")).toBe("--experimental-permission");
    expect(permissionFlag("22.12.0")).toBe("--experimental-permission");
    expect(permissionFlag("22.13.0")).toBe("--permission");
    expect(permissionFlag("24.0.0")).toBe("--permission");
    expect(permissionFlag("26.3.1")).toBe("--permission");
  });

  it("is one the running Node accepts", () => {
    const flag = permissionFlag(process.versions.node);
    const out = execFileSync(process.execPath, [flag, "-p", "process.permission.has('fs.write')"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    expect(out.trim()).toBe("false");
  });
});

/** The Python runner's confine() with the platform and C library replaced as a test asks. */
function confineWith(setup: string): unknown {
  const script = [
    "import ctypes, importlib.util, json, sys",
    "spec = importlib.util.spec_from_file_location('runner', sys.argv[1])",
    "runner = importlib.util.module_from_spec(spec)",
    "spec.loader.exec_module(runner)",
    setup,
    "print(json.dumps(runner.confine({'readable': [], 'writable': []})))",
  ].join("\n");
  const runner = join(runnersFolder(), "python_runner.py");
  const out = execFileSync("python3", ["-I", "-B", "-c", script, runner], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return JSON.parse(out);
}

describe("the Python runner's kernel confinement", () => {
  it("is skipped, not a crash, where the platform is not Linux", () => {
    expect(confineWith("sys.platform = 'darwin'")).toEqual([]);
  });

  it("is skipped, not a crash, where the C library has no prctl", () => {
    const fake = [
      "class NoPrctl:",
      "    pass",
      "ctypes.CDLL = lambda *args, **kwargs: NoPrctl()",
    ].join("\n");
    expect(confineWith(fake)).toEqual([]);
  });
});
