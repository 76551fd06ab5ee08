import type { NonFiniteNumber } from "../protocol/types.js";

/**
 * The key under which spikegrade's Python runner (runners/python_runner.py) sends a numpy array
 * of floats: its little-endian float64 bytes in base64. Python's JSON writes a float in some
 * 2 microseconds, and a check's voltage traces are a million of them.
 */
export const PACKED_FLOATS_KEY = "$float64";

/** Lists shorter than this go as JSON: packing them saves nothing worth the look. */
const PACK_FROM = 256;

/**
 * A request with each of its long lists of finite numbers (a current) packed as
 * `{"$float64": base64}`, for the Python runner, which unpacks them into the same lists of floats
 * before the student's function sees them: reading a float from JSON costs Python about a
 * microsecond. The request itself is left as it is.
 */
export function packRequest(request: object): object {
  const packed: Record<string, unknown> = { ...request };
  for (const [key, value] of Object.entries(packed)) {
    if (!Array.isArray(value) || value.length < PACK_FROM) continue;
    if (!value.every((x) => typeof x === "number" && Number.isFinite(x))) continue;
    const bytes = Buffer.alloc(8 * value.length);
    for (let i = 0; i < value.length; i++) bytes.writeDoubleLE(value[i], 8 * i);
    packed[key] = { [PACKED_FLOATS_KEY]: bytes.toString("base64") };
  }
  return packed;
}

/** Nesting beyond which nothing is unpacked (JSON nests deeper than a recursion may go). */
const MAX_DEPTH = 64;

/**
 * A message as parsed from JSON, with every packed array of floats (`{"$float64": base64}`)
 * replaced, in place, by the numbers JSON would have carried: each non-finite one as the
 * `$nonFinite` marker the runners send for it. Anything else, a malformed pack included, is left
 * as it is, for the response's validation to say what is wrong with it.
 */
export function unpackFloats(value: unknown, depth = 0): unknown {
  if (typeof value !== "object" || value === null || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (typeof item === "object" && item !== null) value[i] = unpackFloats(item, depth + 1);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  const packed = record[PACKED_FLOATS_KEY];
  if (typeof packed === "string" && Object.keys(record).length === 1) {
    return unpackedNumbers(packed) ?? value;
  }
  for (const key of Object.keys(record)) record[key] = unpackFloats(record[key], depth + 1);
  return value;
}

/** The numbers of one pack, or undefined when it is not base64 of whole float64s. */
function unpackedNumbers(packed: string): (number | NonFiniteNumber)[] | undefined {
  const bytes = base64Bytes(packed);
  if (bytes === undefined || bytes.length % 8 !== 0) return undefined;
  const floats = float64s(bytes);
  const out = new Array<number | NonFiniteNumber>(floats.length);
  for (let i = 0; i < out.length; i++) {
    const x = floats[i];
    out[i] = Number.isFinite(x)
      ? x
      : { $nonFinite: Number.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity" };
  }
  return out;
}

/**
 * The bytes of standard base64 text, or undefined where it is not that. Node's decoder skips what
 * is not base64 and stops at padding, so text that decodes to fewer bytes than its length promises
 * was not base64; it also reads the URL alphabet's - and _, which standard base64 has not. Checked
 * so, not by a regular expression over the text: packs run to megabytes a team.
 */
function base64Bytes(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || text.includes("-") || text.includes("_")) return undefined;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const bytes = Buffer.from(text, "base64");
  return bytes.length === (text.length / 4) * 3 - padding ? bytes : undefined;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Little-endian float64 bytes as numbers: a copy viewed as doubles where the platform is little-endian. */
function float64s(bytes: Buffer): Float64Array {
  const n = bytes.length / 8;
  if (LITTLE_ENDIAN) {
    const copy = new Uint8Array(bytes.length);
    copy.set(bytes);
    return new Float64Array(copy.buffer, 0, n);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = bytes.readDoubleLE(8 * i);
  return out;
}
