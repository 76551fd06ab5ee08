// The main thread's time of one spikegrade process, by phase, from a V8 CPU profile (node
// --cpu-prof): each sample goes to the first phase (in PHASES' order) that a frame of its stack
// belongs to; "waiting" is the thread idle, which in `check` is the simulator computing.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Phase name and whether a frame (its script's URL, its function's name) belongs to it. */
const PHASES: [string, (url: string, name: string) => boolean][] = [
  ["loading modules", (url) => url.startsWith("node:internal/modules/")],
  ["schemas (ajv)", (url) => /\/(ajv|ajv-formats)\/|\/protocol\/(schemas|compiled-)/.test(url)],
  [
    "figures",
    (url) => /\/render\/|\/report\/figures\.|\/(pngjs|pixelmatch|@napi-rs\/canvas)\//.test(url),
  ],
  ["validating responses", (url) => /\/protocol\/validate-/.test(url)],
  ["checks' analysis", (url) => /\/(analysis|checks|model)\//.test(url)],
  ["simulator process and channel", (url) => /\/submission\//.test(url)],
  ["report and files", (url) => /\/(report|grading)\//.test(url)],
  ["garbage collection", (_url, name) => name === "(garbage collector)"],
  ["waiting (simulator computing)", (_url, name) => name === "(idle)"],
];

/** Milliseconds of the main thread per phase (and "other"), largest first. */
export function profilePhases(path: string): Record<string, number> {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const phaseOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = phaseOf.get(id);
    if (known !== undefined) return known;
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      stack.push(byId.get(at) as ProfileNode);
    }
    const [name] = PHASES.find(([, test]) =>
      stack.some((n) => test(n.callFrame.url, n.callFrame.functionName)),
    ) ?? ["other"];
    phaseOf.set(id, name);
    return name;
  };
  const ms: Record<string, number> = {};
  profile.samples.forEach((id, i) => {
    const phase = classify(id);
    ms[phase] = (ms[phase] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000;
  });
  return Object.fromEntries(
    Object.entries(ms)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => [k, Math.round(v)]),
  );
}
