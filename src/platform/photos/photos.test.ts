import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { MAX_EDGE, processPhoto, sniffImageType } from "./photos.ts";

/** A PNG whose header claims width × height but whose data is tiny (a decompression bomb's shape). */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(1000))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

async function photoWithMetadata(width = 400, height = 300): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#6a8" } })
    .jpeg()
    .withExif({
      IFD0: { Artist: "Anna Svensson", Copyright: "privat" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "56/1 22/1 51/1", GPSLongitudeRef: "E", GPSLongitude: "13/1 59/1 42/1" },
    })
    .withIccProfile("p3")
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>hemligt</rdf:Description></rdf:RDF></x:xmpmeta>',
    )
    .toBuffer();
}

describe("photos", () => {
  it("knows file types by their bytes, not their names", async () => {
    assert.equal(sniffImageType(await photoWithMetadata()), "jpeg");
    assert.equal(
      sniffImageType(
        await sharp({ create: { width: 2, height: 2, channels: 3, background: "#000" } })
          .png()
          .toBuffer(),
      ),
      "png",
    );
    assert.equal(
      sniffImageType(
        await sharp({ create: { width: 2, height: 2, channels: 3, background: "#000" } })
          .webp()
          .toBuffer(),
      ),
      "webp",
    );
    assert.equal(sniffImageType(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>")), "svg");
    assert.equal(sniffImageType(Buffer.from("%PDF-1.7\n...")), "pdf");
    assert.equal(sniffImageType(Buffer.from("<html><script>alert(1)</script></html>")), "unknown");
  });

  it("removes every metadata block (EXIF with GPS, XMP, ICC) and re-encodes as JPEG", async () => {
    const input = await photoWithMetadata();
    const before = await sharp(input).metadata();
    assert.ok(before.exif && before.icc && before.xmp, "the test photo carries metadata");
    const r = await processPhoto(input);
    assert.equal(r.kind, "ok");
    if (r.kind !== "ok") return;
    const after = await sharp(r.data).metadata();
    assert.equal(after.format, "jpeg");
    assert.equal(after.exif, undefined);
    assert.equal(after.xmp, undefined);
    assert.equal(after.icc, undefined);
    assert.equal(after.iptc, undefined);
    assert.ok(!r.data.includes(Buffer.from("Anna Svensson")) && !r.data.includes(Buffer.from("hemligt")));
    assert.equal(r.contentType, "image/jpeg");
    assert.match(r.sha256, /^[0-9a-f]{64}$/);
    assert.equal((await sharp(r.thumbnail).metadata()).exif, undefined);
  });

  it("turns the picture upright by its orientation and bounds its size", async () => {
    const sideways = await sharp({ create: { width: 300, height: 100, channels: 3, background: "#123" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const r = await processPhoto(sideways);
    assert.equal(r.kind, "ok");
    if (r.kind === "ok") assert.deepEqual([r.width, r.height], [100, 300]);
    const big = await sharp({ create: { width: 5000, height: 2500, channels: 3, background: "#456" } })
      .jpeg()
      .toBuffer();
    const rb = await processPhoto(big);
    assert.ok(rb.kind === "ok" && Math.max(rb.width, rb.height) === MAX_EDGE && rb.width === 2 * rb.height);
    if (rb.kind === "ok") {
      const thumb = await sharp(rb.thumbnail).metadata();
      assert.equal(Math.max(thumb.width ?? 0, thumb.height ?? 0), 480);
    }
  });

  it("refuses what is not a photo, whatever it is called", async () => {
    assert.deepEqual(await processPhoto(Buffer.alloc(0)), { kind: "empty" });
    assert.equal((await processPhoto(Buffer.from("<html><script>alert(1)</script></html>"))).kind, "notAnImage");
    assert.deepEqual(await processPhoto(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>")), { kind: "notAnImage", detected: "svg" });
    assert.deepEqual(await processPhoto(Buffer.from("%PDF-1.4 ...")), { kind: "notAnImage", detected: "pdf" });
    const gif = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
    assert.deepEqual(await processPhoto(gif), { kind: "notAnImage", detected: "gif" });
    assert.equal((await processPhoto(Buffer.alloc(11 * 1024 * 1024, 0xff))).kind, "tooLarge");
  });

  it("refuses a decompression bomb from its header, before decoding", async () => {
    const bomb = pngClaiming(100_000, 100_000);
    assert.ok(bomb.length < 2000);
    assert.deepEqual(await processPhoto(bomb), { kind: "tooManyPixels", maxPixels: 40_000_000 });
  });

  it("says a truncated photo cannot be read, and drops what a crafted file carried", async () => {
    const good = await photoWithMetadata();
    assert.deepEqual(await processPhoto(good.subarray(0, Math.floor(good.length / 3))), { kind: "unreadable" });
    const polyglot = Buffer.concat([good, Buffer.from("<script>alert(1)</script>")]);
    const r = await processPhoto(polyglot);
    assert.equal(r.kind, "ok");
    if (r.kind === "ok") assert.ok(!r.data.includes(Buffer.from("<script>")));
  });
});
