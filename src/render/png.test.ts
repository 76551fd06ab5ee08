import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { encodeRgbaPng, opaqueRows, stackedPng } from "./png.js";

/** A width x height image whose pixel (x, y) is [x, y, x + y, alpha(x, y)]. */
function pixels(width: number, height: number, alpha: (x: number, y: number) => number) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      data.set([x * 40, y * 90, x * 40 + y * 90, alpha(x, y)], (y * width + x) * 4);
    }
  }
  return data;
}

describe("encodeRgbaPng", () => {
  it("writes an opaque image as RGB that decodes to the same pixels", () => {
    const data = pixels(5, 3, () => 255);
    const png = encodeRgbaPng(5, 3, data);
    // The colour type, byte 25 of the file (in IHDR after the signature and two 4-byte fields).
    expect(png[25]).toBe(2);
    const decoded = PNG.sync.read(png);
    expect([decoded.width, decoded.height]).toEqual([5, 3]);
    expect(Buffer.from(decoded.data).equals(Buffer.from(data))).toBe(true);
  });

  it("keeps the alpha channel of an image that is not opaque", () => {
    const data = pixels(4, 4, (x, y) => (x === 2 && y === 3 ? 128 : 255));
    const png = encodeRgbaPng(4, 4, data);
    expect(png[25]).toBe(6);
    expect(Buffer.from(PNG.sync.read(png).data).equals(Buffer.from(data))).toBe(true);
  });

  it("gives the same bytes for the same pixels", () => {
    const data = pixels(7, 2, () => 255);
    expect(encodeRgbaPng(7, 2, data).equals(encodeRgbaPng(7, 2, data.slice()))).toBe(true);
  });

  it("gives the same bytes whether the pixels can be read as 32-bit words or not", () => {
    // Every byte difference from the row above, with and without a borrow, in every channel.
    const width = 16;
    const height = 16;
    const data = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < data.length; i++) data[i] = (i % 4 === 3 ? 255 : (i * 97) % 256) & 0xff;
    // The same pixels one byte into a buffer: not aligned, so read byte by byte.
    const shifted = new Uint8ClampedArray(data.length + 1).subarray(1);
    shifted.set(data);
    const aligned = encodeRgbaPng(width, height, data);
    expect(aligned.equals(encodeRgbaPng(width, height, shifted))).toBe(true);
    expect(Buffer.from(PNG.sync.read(aligned).data).equals(Buffer.from(data))).toBe(true);
  });

  it("keeps the alpha channel wherever the one pixel that is not opaque lies", () => {
    // Rows repeat the one above (pixels the opaque path skips) except where the clear pixel is:
    // the first row's first pixel (a transparent black, 0 as a word, as the first row's "above"),
    // and the last row's last pixel (after every other row was written as RGB).
    for (const at of [0, 5 * 4 * 4 - 1]) {
      const data = new Uint8ClampedArray(4 * 5 * 4).fill(200);
      for (let i = 3; i < data.length; i += 4) data[i] = 255;
      if (at === 0) data.fill(0, 0, 4);
      else data[at] = 128;
      const png = encodeRgbaPng(4, 5, data);
      expect(png[25]).toBe(6); // colour type RGBA
      expect(Buffer.from(PNG.sync.read(png).data).equals(Buffer.from(data))).toBe(true);
    }
  });

  it("stacks images filtered ahead into the bytes of the whole image", () => {
    const width = 9;
    const whole = new Uint8ClampedArray(width * 12 * 4);
    for (let i = 0; i < whole.length; i++) whole[i] = i % 4 === 3 ? 255 : (i * 53) % 256;
    const part = (from: number, to: number) => {
      const rows = opaqueRows(width, to - from, whole.slice(from * width * 4, to * width * 4));
      if (rows === undefined) throw new Error("opaque pixels read as words give rows");
      return rows;
    };
    const expected = encodeRgbaPng(width, 12, whole);
    expect(stackedPng([part(0, 5), part(5, 12)]).equals(expected)).toBe(true);
    expect(stackedPng([part(0, 1), part(1, 11), part(11, 12)]).equals(expected)).toBe(true);
    const narrow = { ...part(0, 5), width: 3 };
    expect(() => stackedPng([part(0, 5), narrow])).toThrow(/one width/);
  });

  it("refuses pixels that are not width x height RGBA", () => {
    expect(() => encodeRgbaPng(3, 3, new Uint8ClampedArray(30))).toThrow(/30 bytes are not 3 x 3/);
  });
});
