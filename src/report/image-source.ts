/**
 * How a report refers to a figure: a PNG given as bytes is embedded as a data: URI (the page
 * stands alone) or linked by a file name next to the page; a figure given as a string is a file
 * name next to the page already. Only plain relative names are linked, so a report can never
 * point a browser at another site or at a javascript: URL.
 */
export type ImageMode = "embed" | "link";

export interface ImageSource {
  /** The value of the img element's src attribute (not yet HTML-escaped). */
  src: string;
  /** Layout size (device pixels / scale) when the PNG's bytes were given. */
  width?: number;
  height?: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Whether the bytes start like a PNG (signature, then the IHDR chunk). */
function isPng(bytes: Buffer): boolean {
  return (
    bytes.length >= 24 &&
    bytes.subarray(0, 8).equals(PNG_SIGNATURE) &&
    bytes.subarray(12, 16).toString("latin1") === "IHDR"
  );
}

/** Width and height in pixels from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * A relative file name a report may link: letters, digits, dot, dash, underscore and slashes
 * between them, no ".." segment, ending in .png.
 */
export function isSafeImageName(name: string): boolean {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._/-]*\.png$/.test(name)) return false;
  return name.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

/**
 * The src of one figure. `fileName` is where a PNG given as bytes is linked in "link" mode (the
 * caller writes it there); `scale` is the figure's device pixels per layout pixel.
 */
export function imageSource(
  asset: Buffer | string,
  what: string,
  mode: ImageMode,
  fileName: string,
  scale: number,
): ImageSource {
  if (typeof asset === "string") {
    if (!isSafeImageName(asset)) {
      throw new RangeError(
        `the ${what} figure "${asset}" is not a plain relative .png file name; give its bytes to embed it`,
      );
    }
    return { src: asset };
  }
  if (!isPng(asset)) throw new RangeError(`the ${what} figure is not a PNG image`);
  const { width, height } = pngSize(asset);
  const size = { width: Math.round(width / scale), height: Math.round(height / scale) };
  if (mode === "link") return { src: fileName, ...size };
  return { src: `data:image/png;base64,${asset.toString("base64")}`, ...size };
}
