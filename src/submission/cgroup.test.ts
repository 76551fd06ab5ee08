import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { joiningGroup, makeTaskGroup } from "./cgroup.js";

const probe = makeTaskGroup(4);
probe?.remove();

describe.runIf(probe !== null)("a simulator's control group", () => {
  it("holds a process that left its process group, and kills it", async () => {
    const group = makeTaskGroup(16);
    if (group === null) throw new Error("no control group");
    // setsid takes the sleeper out of the process group, as a daemon would.
    const line = joiningGroup(group.procsFile, "setsid", ["sleep", "30"]);
    const child = spawn(line.command, line.args, { stdio: "ignore" });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const members = group.members();
    expect(members.length).toBeGreaterThan(0);
    group.killAll();
    await new Promise((resolve) => child.once("exit", resolve));
    expect(members.every((pid) => !existsSync(`/proc/${pid}/cmdline`) || isZombie(pid))).toBe(true);
    expect(group.members()).toEqual([]);
    expect(group.remove()).toBe(true);
  });

  it("refuses processes past its limit", async () => {
    const group = makeTaskGroup(3);
    if (group === null) throw new Error("no control group");
    const script =
      'for i in 1 2 3 4 5 6; do sleep 5 >/dev/null & done 2>/dev/null; echo "$(jobs -p | wc -l)"; kill $(jobs -p)';
    const line = joiningGroup(group.procsFile, "/bin/sh", ["-c", script]);
    const child = spawn(line.command, line.args, { stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    await new Promise((resolve) => child.once("close", resolve));
    group.killAll();
    group.remove();
    // The shell itself is one task: at most two sleepers started.
    expect(Number(out.trim())).toBeLessThanOrEqual(2);
  });
});

function isZombie(pid: number): boolean {
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}
