import { runProbe } from "./child-process.js";

/** Where the Python that runs student code lives: what the runner and the sandbox need. */
export interface PythonRuntime {
  /** sys.executable: run directly, so that a pyenv shim or a wrapper script is not in the way. */
  executable: string;
  version: string;
  /** Folders holding the runtime (prefixes, the real executable's), for the sandbox to show. */
  prefixes: string[];
  /** Package folders outside the standard ones (user site, numpy's), for the runner's sys.path. */
  packagePaths: string[];
  /** Which of the libraries the contract promises submissions (numpy, scipy) this Python cannot import. */
  missing: string[];
  /** The Landlock version the kernel offers this Python (0: none), which the runner applies. */
  landlock: number;
}

export type PythonLookup = { ok: true; runtime: PythonRuntime } | { ok: false; reason: string };

/**
 * The Pythons tried, in order, where none is named: python3 on the PATH, then Debian's, which
 * .ci/run gives python3-numpy and python3-scipy when the chosen one cannot import them.
 */
const PYTHON_CANDIDATES = ["python3", "/usr/bin/python3"] as const;

/** The libraries the contract promises a Python submission (Debian's python3-<name>: .ci/run). */
const PROMISED_LIBRARIES = ["numpy", "scipy"] as const;

// Asked once per command: prefixes, package folders (those of numpy, scipy and matplotlib
// included, wherever they are), and which promised libraries fail to import.
const PROBE = `
import importlib, importlib.util, json, os, sys
prefixes = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
            os.path.dirname(os.path.dirname(os.path.realpath(sys.executable)))}
libraries = set()
for name in ("numpy", "scipy", "matplotlib"):
    spec = importlib.util.find_spec(name)
    if spec and spec.origin:
        libraries.add(os.path.dirname(os.path.dirname(spec.origin)))
missing = []
for name in ${JSON.stringify(PROMISED_LIBRARIES)}:
    try:
        importlib.import_module(name)
    except Exception:
        missing.append(name)
def wanted(p):
    return os.path.isdir(p) and (any(p == q or p.startswith(q + os.sep) for q in prefixes)
        or os.path.basename(p) in ("site-packages", "dist-packages") or p in libraries)
paths = [p for p in sys.path if p and wanted(os.path.abspath(p))]
paths += sorted(libraries - set(paths))
landlock = 0
try:
    # Landlock's ABI version by its Linux system call number: elsewhere 444 is another call.
    import ctypes
    if not sys.platform.startswith("linux"):
        raise OSError(sys.platform)
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    landlock = max(0, libc.syscall(444, None, ctypes.c_size_t(0), ctypes.c_uint32(1)))
except Exception:
    landlock = 0
print(json.dumps({"executable": sys.executable, "version": sys.version.split()[0],
                  "prefixes": sorted(prefixes), "packagePaths": paths, "missing": missing,
                  "landlock": landlock}))
`;

const cache = new Map<string, Promise<PythonLookup>>();

/**
 * The Python that runs student code, asked once per process: `command` where one is named;
 * otherwise the first of PYTHON_CANDIDATES that imports numpy and scipy, or else the first that
 * runs at all.
 */
export function findPython(command?: string): Promise<PythonLookup> {
  const key = command ?? "";
  let lookup = cache.get(key);
  if (lookup === undefined) {
    lookup = command === undefined ? chooseCandidate() : probePython(command);
    cache.set(key, lookup);
  }
  return lookup;
}

async function chooseCandidate(): Promise<PythonLookup> {
  let first: PythonLookup | undefined;
  for (const command of PYTHON_CANDIDATES) {
    const lookup = await findPython(command);
    if (lookup.ok && lookup.runtime.missing.length === 0) return lookup;
    if (first === undefined || (!first.ok && lookup.ok)) first = lookup;
  }
  return first ?? { ok: false, reason: "no Python was found" };
}

async function probePython(command: string): Promise<PythonLookup> {
  // Run from / : with -c, Python puts the working folder first on sys.path.
  const result = await runProbe(command, ["-B", "-c", PROBE], { cwd: "/", timeoutMs: 60_000 });
  if (result.code !== 0) {
    const why = result.stderr.trim() || result.error || `exit code ${result.code}`;
    return { ok: false, reason: `${command} could not be run (${why})` };
  }
  try {
    // The last line: a library may print something of its own while it is imported.
    const runtime = JSON.parse(result.stdout.trim().split("\n").pop() ?? "") as PythonRuntime;
    return { ok: true, runtime };
  } catch {
    return { ok: false, reason: `${command} did not answer spikegrade's probe` };
  }
}
