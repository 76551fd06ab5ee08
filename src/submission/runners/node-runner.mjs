// spikegrade's Node runner: serves one student simulator (bundled by esbuild) to the grader.
//
// Started by spikegrade as `node --permission ... node-runner.mjs CONFIG_JSON` (spelt
// --experimental-permission before Node 22.13), never by hand. The grader talks to it over file descriptor 3 in frames (4-byte big-endian
// length, then UTF-8 JSON), so whatever the student prints only reaches the student's log.

import { Socket } from "node:net";
import { pathToFileURL } from "node:url";

const NON_FINITE_KEY = "$nonFinite";
const MAX_FRAME_BYTES = 256 * 1024 * 1024;
const FUNCTIONS = ["makeStimulus", "simulateNeuron"];

// Kept before student code runs, so a module that patches globals cannot bend the protocol.
const stringify = JSON.stringify;
const parse = JSON.parse;
const isView = ArrayBuffer.isView;
const arrayFrom = Array.from;
const isFiniteNumber = Number.isFinite;
const isNaNNumber = Number.isNaN;
const concat = Buffer.concat;
const now = performance.now.bind(performance);

const config = parse(process.argv[2]);
const channel = new Socket({ fd: 3, readable: true, writable: true });

const stdout = process.stdout;
const stderr = process.stderr;

/** Resolves once everything printed so far has reached the pipe: Node queues writes to a full
 * pipe, and the log should hold a call's output by the time its answer arrives. */
function flushOutput() {
  const flushed = (stream) => new Promise((resolve) => stream.write("", resolve));
  return Promise.all([flushed(stdout), flushed(stderr)]);
}

/** Encodes first (a value that is not JSON throws here), then waits for the output, then sends. */
async function sendAfterOutput(message) {
  const frame = encode(message);
  await flushOutput();
  channel.write(frame);
}

function encode(message) {
  const body = Buffer.from(stringify(message, replacer), "utf8");
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.length, 0);
  return concat([header, body]);
}

/** JSON.stringify turns NaN and Infinity into null; the grader must see them, and typed arrays
 * must travel as arrays. */
function replacer(_key, value) {
  if (typeof value === "number") {
    if (isFiniteNumber(value)) return value;
    if (isNaNNumber(value)) return { [NON_FINITE_KEY]: "NaN" };
    return { [NON_FINITE_KEY]: value > 0 ? "Infinity" : "-Infinity" };
  }
  if (isView(value) && !(value instanceof DataView)) return arrayFrom(value);
  if (typeof value === "bigint") return Number(value);
  return value;
}

function describe(error) {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `the value ${String(error)}`;
}

function short(text) {
  return text.length <= 500 ? text : `${text.slice(0, 500)}...`;
}

/**
 * V8 reports an allocation it cannot make as a RangeError, not as running out of memory. A
 * negative or NaN length (a bug, not a size) raises the same errors without a positive number.
 */
function isAllocationFailure(error) {
  if (!(error instanceof RangeError)) return false;
  if (/allocation failed|Invalid string length/i.test(error.message)) return true;
  const typed = /Invalid typed array length: (\d+)/.exec(error.message);
  return typed !== null && Number(typed[1]) > 0;
}

function memoryMessage(where, error) {
  return `${describe(error)}: the simulator asked for more memory than its ${config.memoryMiB} MiB limit allows ${where}`;
}

const RUNNER_URL = import.meta.url;

/** The stack of an error in student code, without the runner's and Node's own frames. */
function logError(heading, error) {
  const stack = error instanceof Error ? String(error.stack) : String(error);
  const own = (line) =>
    /^\s+at /.test(line) && (line.includes(RUNNER_URL) || line.includes("node:internal"));
  process.stderr.write(`[spikegrade] ${heading}\n`);
  process.stderr.write(
    `${stack
      .split("\n")
      .filter((line) => !own(line))
      .join("\n")}\n`,
  );
}

async function load() {
  let module;
  try {
    module = await import(pathToFileURL(config.bundle).href);
  } catch (error) {
    logError(`loading ${config.display} threw:`, error);
    if (isAllocationFailure(error)) {
      return { kind: "memory", message: memoryMessage(`while loading ${config.display}`, error) };
    }
    return {
      kind: "load",
      message: `JavaScript threw ${short(describe(error))} while loading ${config.display} (stack in the log)`,
    };
  }
  const missing = FUNCTIONS.filter((name) => typeof module[name] !== "function");
  if (missing.length > 0) {
    const exported = Object.keys(module);
    const what = missing.map((name) => `a function ${name}`).join(" or ");
    const has = exported.length > 0 ? `it exports: ${exported.join(", ")}` : "it exports nothing";
    return { kind: "load", message: `${config.display} does not export ${what} (${has})` };
  }
  return { functions: module };
}

async function serveOne(module, request) {
  const { id, fn } = request;
  // The grader's first question after "loaded": proof that the runner itself came through
  // loading (a student's own frame on fd 3 cannot stand in for it once the runner answers).
  if (fn === "ping") {
    await sendAfterOutput({ type: "result", id, ok: true, value: "pong" });
    return;
  }
  if (!FUNCTIONS.includes(fn)) {
    await sendAfterOutput({
      type: "result",
      id,
      ok: false,
      kind: "protocol",
      message: `unknown function ${fn}`,
    });
    return;
  }
  let value;
  try {
    value = await module[fn](request.request);
  } catch (error) {
    logError(`${fn} threw:`, error);
    if (isAllocationFailure(error)) {
      await sendAfterOutput({
        type: "result",
        id,
        ok: false,
        kind: "memory",
        message: memoryMessage(`in ${fn}`, error),
      });
    } else {
      const message = `JavaScript threw ${short(describe(error))} in ${fn} (stack in the log)`;
      await sendAfterOutput({ type: "result", id, ok: false, kind: "exception", message });
    }
    return;
  }
  try {
    await sendAfterOutput({
      type: "result",
      id,
      ok: true,
      value: value === undefined ? null : value,
    });
  } catch (error) {
    const message = isAllocationFailure(error)
      ? memoryMessage(`while sending the result of ${fn}`, error)
      : `${fn} returned a value that is not JSON: ${short(describe(error))}`;
    await sendAfterOutput({
      type: "result",
      id,
      ok: false,
      kind: isAllocationFailure(error) ? "memory" : "protocol",
      message,
    });
  }
}

async function main() {
  const started = now();
  const loaded = await load();
  if (!loaded.functions) {
    await sendAfterOutput({ type: "loaded", ok: false, ...loaded });
    channel.end();
    return;
  }
  await sendAfterOutput({ type: "loaded", ok: true, ms: now() - started });

  let pending = Buffer.alloc(0);
  let queue = Promise.resolve();
  channel.on("data", (chunk) => {
    pending = pending.length === 0 ? chunk : concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (length > MAX_FRAME_BYTES) throw new Error(`request frame of ${length} bytes`);
      if (pending.length < 4 + length) break;
      const request = parse(pending.subarray(4, 4 + length).toString("utf8"));
      pending = pending.subarray(4 + length);
      queue = queue.then(() => serveOne(loaded.functions, request));
    }
  });
  // The grader closed the channel: nothing more to do, whatever timers the student left.
  channel.on("end", () => process.exit(0));
}

await main();
