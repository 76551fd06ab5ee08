import { describe, expect, it } from "vitest";
import { encodeFrame, FrameDecoder, FrameTooLargeError } from "./frames.js";

describe("frames", () => {
  it("encodes the UTF-8 byte length, big-endian, before the body", () => {
    const frame = encodeFrame('{"a":"é"}');
    expect([...frame.subarray(0, 4)]).toEqual([0, 0, 0, 10]); // é is two bytes
    expect(frame.subarray(4).toString("utf8")).toBe('{"a":"é"}');
  });

  it("reassembles frames split anywhere, and several frames in one chunk", () => {
    const bytes = Buffer.concat([encodeFrame("[1]"), encodeFrame('"é"'), encodeFrame("{}")]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const decoder = new FrameDecoder();
      const bodies = [
        ...decoder.push(bytes.subarray(0, cut)),
        ...decoder.push(bytes.subarray(cut)),
      ];
      expect(bodies).toEqual(["[1]", '"é"', "{}"]);
    }
  });

  it("reassembles a frame delivered one byte at a time", () => {
    const decoder = new FrameDecoder();
    const bytes = encodeFrame(JSON.stringify({ v: Array.from({ length: 100 }, (_, i) => i) }));
    const bodies: string[] = [];
    for (const byte of bytes) bodies.push(...decoder.push(Buffer.from([byte])));
    expect(bodies.map((body) => JSON.parse(body).v.length)).toEqual([100]);
  });

  it("refuses a frame longer than the limit as soon as its header arrives", () => {
    const decoder = new FrameDecoder(16);
    expect(decoder.push(encodeFrame('"0123456789abcd"'))).toEqual(['"0123456789abcd"']);
    expect(() => decoder.push(Buffer.from([0, 0, 0, 17]))).toThrow(FrameTooLargeError);
  });
});
