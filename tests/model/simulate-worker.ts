// Runs one simulateLif request (workerData) and posts its spike times back: a test can then stop
// a kernel that never ends (a WebAssembly loop cannot be interrupted from its own thread).
import { parentPort, workerData } from "node:worker_threads";
import { type LifRequest, simulateLif } from "../../src/model/lif.js";

parentPort?.postMessage(simulateLif(workerData as LifRequest).spikeTimesMs);
