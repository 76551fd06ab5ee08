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
  /** numpy's site-packages folder, or null when numpy is not installed. */
  numpyPath: string | null;
}

export type PythonLookup = { ok: true; runtime: PythonRuntime } | { ok: false; reason: string };

// Asked once per command: prefixes, package folders, and where numpy is, without importing it.
const PROBE = `
import importlib.util, json, os, sys
prefixes = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
            os.path.dirname(os.path.dirname(os.path.realpath(sys.executable)))}
spec = importlib.util.find_spec("numpy")
numpy_path = os.path.dirname(os.path.dirname(spec.origin)) if spec and spec.origin else None
def wanted(p):
    return os.path.isdir(p) and (any(p == q or p.startswith(q + os.sep) for q in prefixes)
        or os.path.basename(p) in ("site-packages", "dist-packages") or p == numpy_path)
paths = [p for p in sys.path if p and wanted(os.path.abspath(p))]
if numpy_path and numpy_path not in paths:
    paths.append(numpy_path)
print(json.dumps({"executable": sys.executable, "version": sys.version.split()[0],
                  "prefixes": sorted(prefixes), "packagePaths": paths, "numpyPath": numpy_path}))
`;

const cache = new Map<string, Promise<PythonLookup>>();

/** Finds the Python behind command (default python3) by asking it, once per command. */
export function findPython(command = "python3"): Promise<PythonLookup> {
  let lookup = cache.get(command);
  if (lookup === undefined) {
    lookup = probePython(command);
    cache.set(command, lookup);
  }
  return lookup;
}

async function probePython(command: string): Promise<PythonLookup> {
  // Run from / : with -c, Python puts the working folder first on sys.path.
  const result = await runProbe(command, ["-B", "-c", PROBE], { cwd: "/", timeoutMs: 30_000 });
  if (result.code !== 0) {
    const why = result.stderr.trim() || result.error || `exit code ${result.code}`;
    return { ok: false, reason: `${command} could not be run (${why})` };
  }
  try {
    const runtime = JSON.parse(result.stdout) as PythonRuntime;
    return { ok: true, runtime };
  } catch {
    return { ok: false, reason: `${command} did not answer spikegrade's probe` };
  }
}
