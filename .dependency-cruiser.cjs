// The layers of src/, bottom to top (docs/architecture.md draws them). A module imports only from its
// own layer or the layers below it; src/ never imports tests/; no cycles. `.ci/run` runs this.
const LAYERS = [
  "protocol",
  "model",
  "analysis",
  "render",
  "submission",
  "checks",
  "reference",
  "report",
  "grading",
  "cli",
];

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer}`,
  comment: `src/${layer}/ may import only ${LAYERS.slice(0, i + 1).join(", ")} (see docs/architecture.md)`,
  severity: "error",
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(i + 1).join("|")})/` },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: "src-not-tests",
      comment:
        "the library never imports from tests/ (a test beside its module may use tests/ helpers)",
      severity: "error",
      from: { path: "^src/", pathNot: "\\.test\\.ts$" },
      to: { path: "^tests/" },
    },
    {
      name: "outside-the-layers",
      comment: "every module of src/ lives in one of the layers",
      severity: "error",
      from: { path: "^src/", pathNot: `^src/(${LAYERS.join("|")})/` },
      to: {},
    },
    {
      name: "no-cycles",
      comment:
        "no module reaches itself through imports that run (a cycle of type-only imports is harmless)",
      severity: "error",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require("node:path").join(__dirname, "tsconfig.json") },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".mjs"] },
  },
};
