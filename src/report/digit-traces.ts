/**
 * Digit traces (paper Fig. 4): each panel shows an input image with the demonstrated trajectory
 * and the trajectories predicted by one or more models drawn over it. Panels are laid out in a
 * grid; one column group per model is the paper's layout ("Input | Ours | CNN | DMP").
 */
import { escapeXml } from "./figure.js";

export interface TracePanel {
  /** Grayscale image, row-major imageSize × imageSize, values in [0, 1] (1 = ink). */
  image: ArrayLike<number>;
  imageSize: number;
  /** Trajectories, row-major [P][2] as (x, y) in the trajectory frame. */
  demo?: ArrayLike<number>;
  predictions?: { name: string; color: string; trajectory: ArrayLike<number> }[];
  label?: string;
}

export interface TraceGridOptions {
  /** Side of the square frame trajectories live in (pixels of the original 40 × 40 image). */
  frameSize: number;
  /**
   * Where pixel (row r, column c) sits in trajectory units: "corner" → the square
   * [c, c+1) × [r, r+1) scaled to the frame; "center" → centred on (c, r) scaled.
   */
  pixelOrigin?: "corner" | "center";
  columns?: number;
  panelSize?: number;
  title?: string;
  /** Draw the images with ink dark on white (default) or as stored. */
  invert?: boolean;
}

export function traceGridSvg(panels: TracePanel[], o: TraceGridOptions): string {
  const cols = Math.max(1, Math.min(o.columns ?? 8, panels.length));
  const rows = Math.ceil(panels.length / cols);
  const size = o.panelSize ?? 120;
  const gap = 8;
  const top = o.title ? 28 : 6;
  const legendNames = new Map<string, string>();
  for (const p of panels) for (const pr of p.predictions ?? []) legendNames.set(pr.name, pr.color);
  const legendH = 20;
  const width = cols * (size + gap) + gap;
  const height = top + rows * (size + gap + (panels.some((p) => p.label) ? 14 : 0)) + legendH + gap;
  const labelH = panels.some((p) => p.label) ? 14 : 0;
  const unit = size / o.frameSize;
  const shift = o.pixelOrigin === "center" ? 0.5 : 0;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
  ];
  if (o.title) out.push(`<text x="${width / 2}" y="19" font-size="14" text-anchor="middle">${escapeXml(o.title)}</text>`);
  panels.forEach((p, k) => {
    const px = gap + (k % cols) * (size + gap);
    const py = top + Math.floor(k / cols) * (size + gap + labelH);
    out.push(`<g transform="translate(${px},${py})">`);
    const cell = size / p.imageSize;
    out.push(`<rect width="${size}" height="${size}" fill="white" stroke="#bbb"/>`);
    for (let r = 0; r < p.imageSize; r++) {
      for (let c = 0; c < p.imageSize; c++) {
        const v = Math.min(1, Math.max(0, p.image[r * p.imageSize + c]));
        if (v < 0.03) continue;
        const g = Math.round(255 * (o.invert === false ? v : 1 - 0.75 * v));
        out.push(`<rect x="${(c * cell).toFixed(2)}" y="${(r * cell).toFixed(2)}" width="${(cell + 0.3).toFixed(2)}" height="${(cell + 0.3).toFixed(2)}" fill="rgb(${g},${g},${g})"/>`);
      }
    }
    const path = (traj: ArrayLike<number>, color: string, widthPx: number, dash = "") => {
      const n = traj.length / 2;
      let d = "";
      for (let t = 0; t < n; t++) d += `${t === 0 ? "M" : "L"}${((traj[2 * t] + shift) * unit).toFixed(2)},${((traj[2 * t + 1] + shift) * unit).toFixed(2)}`;
      out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="${widthPx}" stroke-linejoin="round" stroke-linecap="round"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`);
      out.push(`<circle cx="${((traj[0] + shift) * unit).toFixed(2)}" cy="${((traj[1] + shift) * unit).toFixed(2)}" r="2.5" fill="${color}"/>`);
    };
    if (p.demo) path(p.demo, "#2ca02c", 2.2, "4,2");
    for (const pr of p.predictions ?? []) path(pr.trajectory, pr.color, 1.8);
    if (p.label) out.push(`<text x="${size / 2}" y="${size + 11}" font-size="10" text-anchor="middle">${escapeXml(p.label)}</text>`);
    out.push(`</g>`);
  });
  // legend
  const ly = height - legendH + 4;
  let lx = gap;
  const items: [string, string, string][] = [["demonstration", "#2ca02c", "4,2"], ...[...legendNames].map(([n, c]) => [n, c, ""] as [string, string, string])];
  for (const [name, color, dash] of items) {
    out.push(`<line x1="${lx}" y1="${ly + 6}" x2="${lx + 22}" y2="${ly + 6}" stroke="${color}" stroke-width="2.2"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`);
    out.push(`<text x="${lx + 27}" y="${ly + 10}" font-size="11">${escapeXml(name)}</text>`);
    lx += 40 + 7 * name.length;
  }
  out.push(`</svg>`);
  return out.join("\n");
}
