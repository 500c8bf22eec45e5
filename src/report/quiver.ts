/**
 * A quiver plot (arrows of a 2-D vector field on a grid) with optional paths drawn over it, as SVG.
 * Arrow lengths are scaled so the longest spans ~0.9 grid cells; colour encodes magnitude.
 */
import { escapeXml } from "./figure.js";

export interface QuiverOptions {
  /** Grid coordinates along x (length nx) and y (length ny). */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Vector components at (x_i, y_j), row-major [ny][nx]. */
  u: ArrayLike<number>;
  v: ArrayLike<number>;
  /** Paths in data coordinates, each [[x, y], ...]. */
  paths?: { points: ArrayLike<readonly [number, number]>; color: string; label?: string }[];
  title?: string;
  size?: number;
  /** Draw y growing downwards (image coordinates). */
  flipY?: boolean;
}

export function quiverSvg(o: QuiverOptions): string {
  const size = o.size ?? 420;
  const pad = 36;
  const nx = o.x.length;
  const ny = o.y.length;
  const x0 = o.x[0];
  const x1 = o.x[nx - 1];
  const y0 = o.y[0];
  const y1 = o.y[ny - 1];
  const sx = (x: number) => pad + ((x - x0) / (x1 - x0)) * (size - 2 * pad);
  const sy = (y: number) => (o.flipY ? pad + ((y - y0) / (y1 - y0)) * (size - 2 * pad) : size - pad - ((y - y0) / (y1 - y0)) * (size - 2 * pad));
  let maxMag = 0;
  for (let k = 0; k < nx * ny; k++) maxMag = Math.max(maxMag, Math.hypot(o.u[k], o.v[k]));
  const cell = (size - 2 * pad) / Math.max(nx - 1, 1);
  const parts: string[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      const mag = Math.hypot(o.u[k], o.v[k]);
      if (mag === 0 || maxMag === 0) continue;
      const len = (0.9 * cell * mag) / maxMag;
      const ax = sx(o.x[i]);
      const ay = sy(o.y[j]);
      const dx = (o.u[k] / mag) * len;
      const dy = (o.v[k] / mag) * len * (o.flipY ? 1 : -1);
      const bx = ax + dx;
      const by = ay + dy;
      const head = Math.min(4, len * 0.4);
      const ang = Math.atan2(dy, dx);
      const h1 = [bx - head * Math.cos(ang - 0.45), by - head * Math.sin(ang - 0.45)];
      const h2 = [bx - head * Math.cos(ang + 0.45), by - head * Math.sin(ang + 0.45)];
      const shade = Math.round(200 - 160 * (mag / maxMag));
      const col = `rgb(${shade},${shade},${Math.min(255, shade + 40)})`;
      parts.push(
        `<path d="M${ax.toFixed(1)},${ay.toFixed(1)}L${bx.toFixed(1)},${by.toFixed(1)}M${h1[0].toFixed(1)},${h1[1].toFixed(1)}L${bx.toFixed(1)},${by.toFixed(1)}L${h2[0].toFixed(1)},${h2[1].toFixed(1)}" stroke="${col}" fill="none" stroke-width="1"/>`,
      );
    }
  }
  const legend: string[] = [];
  (o.paths ?? []).forEach((p, idx) => {
    const d = Array.from(p.points, ([x, y], k) => `${k === 0 ? "M" : "L"}${sx(x).toFixed(2)},${sy(y).toFixed(2)}`).join("");
    parts.push(`<path d="${d}" stroke="${p.color}" stroke-width="2" fill="none"/>`);
    if (p.points.length > 0) parts.push(`<circle cx="${sx(p.points[0][0]).toFixed(1)}" cy="${sy(p.points[0][1]).toFixed(1)}" r="3" fill="${p.color}"/>`);
    if (p.label) {
      legend.push(`<rect x="${pad + 2}" y="${pad + 3 + 14 * idx}" width="${7 * p.label.length + 6}" height="14" fill="white" opacity="0.85"/>`);
      legend.push(`<text x="${pad + 4}" y="${pad + 14 + 14 * idx}" font-size="11" fill="${p.color}">${escapeXml(p.label)}</text>`);
    }
  });
  const title = o.title ? `<text x="${size / 2}" y="20" font-size="13" text-anchor="middle">${escapeXml(o.title)}</text>` : "";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}" font-family="DejaVu Sans, sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<rect x="${pad}" y="${pad}" width="${size - 2 * pad}" height="${size - 2 * pad}" fill="none" stroke="#999"/>`,
    title,
    ...parts,
    ...legend,
    `</svg>`,
  ].join("\n");
}
