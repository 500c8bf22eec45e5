/**
 * Figures: every figure is an SVG string; `writeFigure` saves it as `<name>.svg` and `<name>.png`
 * (rasterised with resvg, using the system fonts when present).
 */
import { Resvg } from "@resvg/resvg-js";
import { writeFileAtomic } from "../io/atomic.js";

/** Rasterise an SVG string to PNG bytes at `scale` × its size. */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const r = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  });
  return r.render().asPng();
}

/** Write `<pathWithoutExtension>.svg` and `.png`; returns both paths. */
export function writeFigure(pathWithoutExtension: string, svg: string, scale = 2): { svg: string; png: string } {
  const svgPath = `${pathWithoutExtension}.svg`;
  const pngPath = `${pathWithoutExtension}.png`;
  writeFileAtomic(svgPath, svg);
  writeFileAtomic(pngPath, svgToPng(svg, scale));
  return { svg: svgPath, png: pngPath };
}

/** Escape text for SVG/XML content and attributes. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}
