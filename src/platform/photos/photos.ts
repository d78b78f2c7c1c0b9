// Photos from residents and staff (resident reports, walk observations): the bytes decide the
// type, never the name or the Content-Type; the picture is decoded with a bound on its pixels
// (a small file that unpacks to gigapixels is refused before it is decoded), turned upright by
// its EXIF orientation, scaled to at most 2048 px and re-encoded as JPEG — which drops every
// metadata block (EXIF with GPS position and camera serial, XMP, ICC, comments) and anything a
// crafted file carried beside the image. A thumbnail (480 px) is made at the same time.
import { createHash } from "node:crypto";
import sharp from "sharp";

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** 40 megapixels: a 48 MP phone photo is rare; anything larger is refused as a likely bomb. */
export const MAX_PHOTO_PIXELS = 40_000_000;
export const MAX_EDGE = 2048;
export const THUMB_EDGE = 480;

export type SniffedType = "jpeg" | "png" | "webp" | "heic" | "gif" | "svg" | "pdf" | "unknown";

/** What the first bytes say the file is. */
export function sniffImageType(b: Buffer): SniffedType {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (b.length >= 12 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP") return "webp";
  if (b.length >= 12 && b.toString("latin1", 4, 8) === "ftyp" && /^(heic|heix|hevc|hevx|mif1|msf1|avif)$/.test(b.toString("latin1", 8, 12))) return "heic";
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.toString("latin1", 0, 6))) return "gif";
  if (b.length >= 5 && b.toString("latin1", 0, 5) === "%PDF-") return "pdf";
  const head = b.toString("utf8", 0, Math.min(b.length, 512)).trimStart().toLowerCase();
  if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg"))) return "svg";
  return "unknown";
}

export type ProcessedPhoto = {
  kind: "ok";
  data: Buffer;
  thumbnail: Buffer;
  contentType: "image/jpeg";
  width: number;
  height: number;
  sha256: string;
  /** The type the bytes had (before re-encoding). */
  source: "jpeg" | "png" | "webp" | "heic";
};

export type PhotoOutcome =
  | ProcessedPhoto
  | { kind: "empty" }
  | { kind: "tooLarge"; maxBytes: number }
  | { kind: "notAnImage"; detected: SniffedType }
  | { kind: "tooManyPixels"; maxPixels: number }
  | { kind: "unreadable" };

/** Check, decode, clean and re-encode one photo. Expected problems are outcomes, not exceptions. */
export async function processPhoto(bytes: Buffer, opts: { maxBytes?: number; maxPixels?: number } = {}): Promise<PhotoOutcome> {
  const maxBytes = opts.maxBytes ?? MAX_PHOTO_BYTES;
  const maxPixels = opts.maxPixels ?? MAX_PHOTO_PIXELS;
  if (bytes.length === 0) return { kind: "empty" };
  if (bytes.length > maxBytes) return { kind: "tooLarge", maxBytes };
  const type = sniffImageType(bytes);
  if (type !== "jpeg" && type !== "png" && type !== "webp" && type !== "heic") return { kind: "notAnImage", detected: type };
  try {
    // The header alone says how big the picture is; refuse before decoding a pixel.
    const meta = await sharp(bytes, { limitInputPixels: false, failOn: "error" }).metadata();
    if (!meta.width || !meta.height) return { kind: "unreadable" };
    if (meta.width * meta.height > maxPixels || (meta.pages ?? 1) > 1) return { kind: "tooManyPixels", maxPixels };
    const base = sharp(bytes, { limitInputPixels: maxPixels, failOn: "error", sequentialRead: true }).rotate();
    const { data, info } = await base
      .clone()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await base
      .clone()
      .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer();
    return {
      kind: "ok",
      data,
      thumbnail,
      contentType: "image/jpeg",
      width: info.width,
      height: info.height,
      sha256: createHash("sha256").update(data).digest("hex"),
      source: type,
    };
  } catch {
    // Truncated, corrupt or a format libvips cannot decode (e.g. HEVC-coded HEIC).
    return { kind: "unreadable" };
  }
}
