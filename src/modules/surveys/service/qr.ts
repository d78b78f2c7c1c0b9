// QR codes for the survey link, made by Trygg (the `qrcode` package, pure JavaScript): SVG for
// the page and posters. The tests decode the image back to the link.
import QRCode from "qrcode";
import { escapeHtml } from "../../../platform/http/html.ts";

/** An SVG QR code of `url`, labelled for screen readers with `label`. */
export async function qrSvg(url: string, label: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return svg.replace("<svg ", `<svg role="img" aria-label="${escapeHtml(label)}" `);
}
