import { describe, expect, it } from "vitest";
import { bubblewrapArgs, outermost } from "./bubblewrap.js";

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
