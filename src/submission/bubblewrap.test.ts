import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bubblewrapArgs, findBubblewrap, outermost, probeBubblewrap } from "./bubblewrap.js";
import { fallbackRefusal } from "./isolation.js";

describe("probeBubblewrap", () => {
  it("says how to install bubblewrap where it is missing, and what cannot have it", async () => {
    const missing = await probeBubblewrap(null);
    expect(missing).toEqual({
      ok: false,
      reason:
        "bwrap is not installed; on Debian or Ubuntu: sudo apt install bubblewrap (macOS and Windows have none)",
    });
  });

  it("says why where bwrap is there but cannot make a sandbox", async () => {
    // /bin/false stands for a bwrap that the machine does not let make namespaces.
    const refused = await probeBubblewrap("/bin/false");
    expect(refused.ok).toBe(false);
    expect(refused.ok ? "" : refused.reason).toMatch(
      /^bwrap is installed but cannot make a sandbox here \(.*\); unprivileged user namespaces may be off/,
    );
  });
});

describe("outermost", () => {
  it("keeps only paths not inside another, parents first", () => {
    expect(
      outermost([
        "/usr/lib/python3/dist-packages",
        "/opt/a/b",
        "/usr",
        "/opt/a",
        "/opt/ab",
        "/opt/a",
      ]),
    ).toEqual(["/usr", "/opt/a", "/opt/ab"]);
  });
});

describe("bubblewrapArgs", () => {
  const args = bubblewrapArgs({
    readOnly: ["/work/team-07", "/usr/lib/python3/dist-packages", "/tmp/spikegrade-x/bundle"],
    tmpBytes: 1024,
    cwd: "/work/team-07",
    env: { HOME: "/tmp", PATH: "/usr/bin" },
  });
  const pairs = (flag: string) =>
    args.flatMap((arg, i) => (arg === flag ? [[args[i + 1], args[i + 2]].join(" ")] : []));

  it("unshares everything, drops capabilities and clears the environment", () => {
    for (const flag of ["--unshare-all", "--die-with-parent", "--new-session", "--clearenv"]) {
      expect(args).toContain(flag);
    }
    expect(args[args.indexOf("--cap-drop") + 1]).toBe("ALL");
    expect(args.at(-1)).toBe("--");
  });

  it("shows the submission and runtime read-only, and nothing of /etc but the loader's files", () => {
    expect(pairs("--ro-bind")).toEqual(
      expect.arrayContaining(["/usr /usr", "/work/team-07 /work/team-07"]),
    );
    expect(pairs("--ro-bind")).not.toContain(
      "/usr/lib/python3/dist-packages /usr/lib/python3/dist-packages",
    );
    expect(
      args
        .filter((arg) => arg.startsWith("/etc/"))
        .every((arg) => /ld\.so|alternatives|localtime/.test(arg)),
    ).toBe(true);
    expect(args).not.toContain("--bind");
  });

  it("mounts the private /tmp before the read-only folders that live under it", () => {
    const tmpfs = args.indexOf("--tmpfs");
    expect(args[tmpfs + 1]).toBe("/tmp");
    expect(args[tmpfs - 2]).toBe("--size");
    expect(args[tmpfs - 1]).toBe("1024");
    expect(args.indexOf("/tmp/spikegrade-x/bundle")).toBeGreaterThan(tmpfs);
  });

  it("sets the working folder and exactly the environment given", () => {
    expect(pairs("--setenv")).toEqual(["HOME /tmp", "PATH /usr/bin"]);
    expect(args[args.indexOf("--chdir") + 1]).toBe("/work/team-07");
  });
});

describe("bubblewrapArgs: what stays out of reach", () => {
  const layout = {
    readOnly: ["/usr/lib/node_modules/spikegrade/src/submission/runners", "/work/team-07"],
    hidden: ["/usr/lib/node_modules/spikegrade", "/opt/not-shown"],
    tmpBytes: 2048,
    cwd: "/work/team-07",
    env: {},
  };
  const args = bubblewrapArgs(layout);

  it("covers a hidden folder under a shown one, then shows the read-only folders inside again", () => {
    const cover = args.indexOf("/usr/lib/node_modules/spikegrade");
    expect(args[cover - 1]).toBe("--tmpfs");
    const runners = args.lastIndexOf("/usr/lib/node_modules/spikegrade/src/submission/runners");
    expect(runners).toBeGreaterThan(cover);
    expect(args[runners - 2]).toBe("--ro-bind");
    // A hidden folder no shown folder holds needs no cover.
    expect(args).not.toContain("/opt/not-shown");
  });

  it("sizes /dev/shm like /tmp, and leaves the root and /dev read-only", () => {
    const shm = args.indexOf("/dev/shm");
    expect(args.slice(shm - 3, shm)).toEqual(["--size", "2048", "--tmpfs"]);
    const tail = args.slice(-7);
    expect(tail.slice(0, 4)).toEqual(["--remount-ro", "/dev", "--remount-ro", "/"]);
  });
});

const found = await findBubblewrap();

describe.runIf(found.ok)("bubblewrap: a global install's files inside the sandbox", () => {
  it("the package's rubric cannot be read, its runners can", () => {
    const root = mkdtempSync(join(tmpdir(), "spikegrade-test-bwrap-"));
    try {
      const pkg = join(root, "usr", "pkg");
      mkdirSync(join(pkg, "runners"), { recursive: true });
      writeFileSync(join(pkg, "rubric.json"), "{}\n");
      writeFileSync(join(pkg, "runners", "runner.txt"), "runner\n");
      const args = bubblewrapArgs({
        readOnly: [join(root, "usr"), join(pkg, "runners")],
        hidden: [pkg],
        tmpBytes: 1 << 20,
        cwd: "/",
        env: {},
      });
      const script = `cat ${pkg}/runners/runner.txt; cat ${pkg}/rubric.json || echo hidden`;
      const out = execFileSync(
        found.ok ? found.path : "bwrap",
        [...args, "/bin/sh", "-c", script],
        {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "ignore"],
        },
      );
      expect(out).toBe("runner\nhidden\n");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe.runIf(found.ok)("bubblewrap: the writable places are sized", () => {
  it("/dev/shm fills up at the size given; the root and /dev refuse writes", () => {
    const args = bubblewrapArgs({ readOnly: [], tmpBytes: 4 << 20, cwd: "/", env: {} });
    const script = [
      "dd if=/dev/zero of=/dev/shm/filler bs=1M count=16 2>&1 | tail -1 | cut -d' ' -f1",
      "echo x > /filler || echo root refused",
      "echo x > /dev/filler || echo dev refused",
    ].join("; ");
    const out = execFileSync(found.ok ? found.path : "bwrap", [...args, "/bin/sh", "-c", script], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    // dd's last line starts with the bytes it wrote: 4 MiB, not 16.
    expect(out.split("\n").slice(0, 3)).toEqual([String(4 << 20), "root refused", "dev refused"]);
  });
});

describe("fallbackRefusal", () => {
  it("refuses hidden checks without bubblewrap on a kernel without Landlock, unless asked by name", () => {
    expect(fallbackRefusal({ request: "auto", hidden: true, landlock: 0 })).toMatch(
      /^grading the hidden checks without bubblewrap needs a kernel with Landlock .*pass --isolation none to grade anyway$/,
    );
    expect(fallbackRefusal({ request: "none", hidden: true, landlock: 0 })).toBeNull();
    expect(fallbackRefusal({ request: "auto", hidden: true, landlock: 4 })).toBeNull();
    expect(fallbackRefusal({ request: "auto", hidden: false, landlock: 0 })).toBeNull();
  });
});
