// Fonts of Trygg's PDFs. DejaVu Sans (Debian's fonts-dejavu-core, installed by ./dev and .ci/run)
// is embedded (subset) when it is installed: it covers Swedish and every character people type
// into Trygg, and embedded fonts are what PDF/UA asks for. Without it, the standard Helvetica is
// used (not embedded, WinAnsi only) so a PDF is still produced. The files are read once.
import { existsSync, readFileSync } from "node:fs";

const FONT_DIR = "/usr/share/fonts/truetype/dejavu";

export type PdfFonts = { regular: string | Buffer; bold: string | Buffer; embedded: boolean };

let cached: PdfFonts | null = null;

export function pdfFonts(): PdfFonts {
  if (cached) return cached;
  const regular = `${FONT_DIR}/DejaVuSans.ttf`;
  const bold = `${FONT_DIR}/DejaVuSans-Bold.ttf`;
  cached =
    existsSync(regular) && existsSync(bold)
      ? { regular: readFileSync(regular), bold: readFileSync(bold), embedded: true }
      : { regular: "Helvetica", bold: "Helvetica-Bold", embedded: false };
  return cached;
}
