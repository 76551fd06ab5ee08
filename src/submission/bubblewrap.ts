/**
 * Bubblewrap (bwrap), where the machine has it: each simulator in its own namespaces, with no
 * network, no capabilities, and a file system of only what its runtime needs, read-only, plus
 * a private /tmp.
 */

import { accessSync, constants, existsSync, lstatSync, readlinkSync } from "node:fs";
import { delimiter, join, sep } from "node:path";
import { runProbe } from "./child-process.js";

export interface SandboxLayout {
  /** Host folders or files shown at the same path inside, read-only (already real paths). */
  readOnly: readonly string[];
  /**
   * Host folders to show empty even where a read-only folder above holds them (spikegrade's own
   * package under a global install in /usr: its rubric, tolerances and hidden-input code); the
   * read-only paths inside them are shown again on top.
   */
  hidden?: readonly string[];
  /** Size of the private /tmp, in bytes; /dev/shm gets the same. */
  tmpBytes: number;
  cwd: string;
  env: Readonly<Record<string, string>>;
}

export type BubblewrapLookup =
  | { ok: true; path: string; version: string }
  | { ok: false; reason: string };

const TOP_LEVEL_SYSTEM = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];
// What the dynamic loader and Debian's alternatives (BLAS for numpy) need from /etc; nothing
// else of /etc (hostname, passwd, the grader's configuration) is shown.
const ETC_FILES = [
  "/etc/ld.so.cache",
  "/etc/ld.so.conf",
  "/etc/ld.so.conf.d",
  "/etc/alternatives",
  "/etc/localtime",
];

/** bwrap's arguments, up to and including the "--" before the command. */
export function bubblewrapArgs(layout: SandboxLayout): string[] {
  const args = [
    "--unshare-all",
    "--die-with-parent",
    "--new-session",
    "--cap-drop",
    "ALL",
    "--hostname",
    "sandbox",
    "--clearenv",
    "--ro-bind",
    "/usr",
    "/usr",
  ];
  for (const path of TOP_LEVEL_SYSTEM) {
    const info = lstatOrNull(path);
    if (info === null) continue;
    if (info.isSymbolicLink()) args.push("--symlink", readlinkSync(path), path);
    else args.push("--ro-bind", path, path);
  }
  for (const path of ETC_FILES) args.push("--ro-bind-try", path, path);
  args.push("--proc", "/proc", "--dev", "/dev");
  // Every writable place is sized: the private /tmp and /dev/shm (memory no watchdog sees).
  args.push("--size", String(layout.tmpBytes), "--tmpfs", "/tmp");
  args.push("--size", String(layout.tmpBytes), "--tmpfs", "/dev/shm");
  const shown = outermost(["/usr", ...layout.readOnly]);
  for (const path of shown) {
    if (path !== "/usr") args.push("--ro-bind", path, path);
  }
  for (const hidden of outermost(layout.hidden ?? [])) {
    if (!shown.some((path) => isWithin(hidden, path))) continue;
    args.push("--tmpfs", hidden);
    for (const path of outermost(layout.readOnly.filter((p) => isWithin(p, hidden)))) {
      args.push("--ro-bind", path, path);
    }
    args.push("--remount-ro", hidden);
  }
  // Nothing else is writable: the sandbox's own root and /dev are tmpfs without a size.
  args.push("--remount-ro", "/dev", "--remount-ro", "/");
  args.push("--chdir", layout.cwd);
  for (const [name, value] of Object.entries(layout.env)) args.push("--setenv", name, value);
  args.push("--");
  return args;
}

/** Whether path is folder or inside it. */
function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** The paths not inside another one of them, shortest first (parents mount before children). */
export function outermost(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const path of sorted) {
    if (!kept.some((outer) => isWithin(path, outer))) kept.push(path);
  }
  return kept;
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function findOnPath(name: string): string | null {
  const folders = (process.env.PATH ?? "").split(delimiter).filter((f) => f !== "");
  for (const folder of [...folders, "/usr/bin", "/bin"]) {
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return null;
}

let lookup: Promise<BubblewrapLookup> | undefined;

/**
 * Whether bubblewrap is installed and works here, checked once by running `true` inside the
 * same sandbox simulators get (user namespaces may be disabled, or a container may forbid it).
 */
export function findBubblewrap(): Promise<BubblewrapLookup> {
  lookup ??= probeBubblewrap();
  return lookup;
}

/** bubblewrap at path (by default, bwrap found on the PATH or in /usr/bin or /bin), probed. */
export async function probeBubblewrap(
  path: string | null = findOnPath("bwrap"),
): Promise<BubblewrapLookup> {
  if (path === null) {
    return {
      ok: false,
      reason:
        "bwrap is not installed; on Debian or Ubuntu: sudo apt install bubblewrap (macOS and Windows have none)",
    };
  }
  const truePath = existsSync("/usr/bin/true") ? "/usr/bin/true" : "/bin/true";
  const layout: SandboxLayout = { readOnly: [], tmpBytes: 1024 * 1024, cwd: "/", env: {} };
  const probe = await runProbe(path, [...bubblewrapArgs(layout), truePath], {
    cwd: "/",
    timeoutMs: 10_000,
  });
  if (probe.code !== 0) {
    // bwrap's own words ("setting up uid map: Permission denied"), on one line.
    const said = probe.stderr.trim().split("\n").at(-1) ?? "";
    const why = said || (probe.code !== null ? `exit code ${probe.code}` : probe.error);
    return {
      ok: false,
      reason: `bwrap is installed but cannot make a sandbox here (${why}); unprivileged user namespaces may be off (in a container, or by Ubuntu's AppArmor restriction from 23.10 on: see SECURITY.md)`,
    };
  }
  const version = await runProbe(path, ["--version"], { cwd: "/", timeoutMs: 10_000 });
  return { ok: true, path, version: version.stdout.trim() || "bubblewrap" };
}
