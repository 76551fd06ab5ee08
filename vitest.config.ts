import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

// GitHub's workflow parser (the tests check the workflows spikegrade writes against it) imports
// its schema as JSON without an import attribute, which Node refuses: Vite loads it instead,
// without the source maps it ships, whose sources it does not.
const WORKFLOW_PARSER = "/node_modules/@actions/workflow-parser/";

export default defineConfig({
  plugins: [
    {
      name: "workflow-parser-without-source-maps",
      load(id) {
        if (!id.includes(WORKFLOW_PARSER) || !id.endsWith(".js")) return null;
        return readFileSync(id, "utf8").replace(/^\/\/# sourceMappingURL=.*$/m, "");
      },
    },
  ],
  test: {
    include: ["src/**/*.test.ts", "tests/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
