import assert from "node:assert/strict";
import { describe, it } from "node:test";
import jsQRModule from "jsqr";
import sharp from "sharp";
import { qrSvg } from "./qr.ts";

// jsqr is CommonJS: under Node's ESM loader its default import is the function itself.
const jsQR = jsQRModule as unknown as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/** Rasterise the SVG and decode it as a phone camera would. */
async function decode(svg: string): Promise<string | null> {
  const { data, info } = await sharp(Buffer.from(svg), { density: 300 })
    .flatten({ background: "#ffffff" })
    .resize(400, 400)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

describe("QR codes", () => {
  it("decode to the survey link, with a code when there is one", async () => {
    const link = "https://trygg.example/t/osby/enkat/5a000000-0000-4000-8000-000000002026";
    assert.equal(await decode(await qrSvg(link, "QR-kod till enkäten")), link);
    const withCode = `${link}?kod=ABCD-2345`;
    assert.equal(await decode(await qrSvg(withCode, "QR-kod")), withCode);
  });

  it("are labelled for screen readers, escaped", async () => {
    const svg = await qrSvg("https://trygg.example/x", 'QR-kod till "Trygghet <2026>"');
    assert.match(svg, /^<svg role="img" aria-label="QR-kod till &quot;Trygghet &lt;2026&gt;&quot;" /);
  });
});
