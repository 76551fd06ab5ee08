import { describe, expect, it } from "vitest";
import { CappedLog, formatBytes } from "./capped-log.js";

describe("CappedLog", () => {
  it("keeps output up to the cap, notes in place, and says how much was dropped", () => {
    const log = new CappedLog(10, 1000, () => {});
    log.append(Buffer.from("hello "));
    log.note("a note");
    log.append(Buffer.from("world, and more"));
    expect(log.totalBytes).toBe(21);
    expect(log.text()).toBe(
      "hello [spikegrade] a note\nworl\n[spikegrade] the log was cut at 10 bytes; 11 bytes more output was not kept\n",
    );
  });

  it("calls onFlood once, when the output passes the hard limit", () => {
    let floods = 0;
    const log = new CappedLog(4, 10, () => floods++);
    log.append(Buffer.alloc(10, 65));
    expect(floods).toBe(0);
    log.append(Buffer.alloc(1, 65));
    log.append(Buffer.alloc(100, 65));
    expect(floods).toBe(1);
  });

  it("keeps the tail of the output past the cap", () => {
    const log = new CappedLog(4, 1e9, () => {});
    log.append(Buffer.from("start "));
    log.append(Buffer.alloc(20_000, 120));
    log.append(Buffer.from("FATAL ERROR: JavaScript heap out of memory\n"));
    expect(log.tail()).toMatch(/x+FATAL ERROR: JavaScript heap out of memory\n$/);
    expect(log.tail().length).toBe(8192);
    expect(log.text().startsWith("star\n")).toBe(true);
  });

  it("formats sizes in binary units", () => {
    expect([
      formatBytes(512),
      formatBytes(65536),
      formatBytes(1048576),
      formatBytes(52428800),
    ]).toEqual(["512 bytes", "64 KiB", "1 MiB", "50 MiB"]);
    expect(formatBytes(1.5 * 1024 ** 3)).toBe("1.5 GiB");
  });
});
