/**
 * JSON as spikegrade writes its files: two-space indentation for structure, but an array of
 * numbers or strings kept on one line, so a file of traces stays readable, diffable and small.
 * The same value always gives the same text (keys in insertion order), ending with a newline.
 */
export function formatJson(value: unknown): string {
  return `${format(value, "")}\n`;
}

function format(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((x) => typeof x !== "object" || x === null)) {
      return `[${value.map((x) => JSON.stringify(x ?? null)).join(", ")}]`;
    }
    const inner = `${indent}  `;
    return `[\n${value.map((x) => inner + format(x, inner)).join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const inner = `${indent}  `;
    const body = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`);
    return `{\n${body.join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value) ?? "null";
}
