/**
 * A contact sheet of digit samples as a PNG: each image enlarged `scale`×, optionally with its
 * trajectory drawn over it (red, start marked green), for looking at generated or loaded data
 * (`ndp digits generate --sheet FILE`).
 *
 * Trajectory points (pixels of the frameSize frame, centre convention of `digit-set.ts`) are
 * mapped to the enlarged tile by u = (x + ½) · scale · imageSize / frameSize.
 */
import { PNG } from "pngjs";
import type { DigitSet } from "./digit-set.js";

export interface ContactSheetOptions {
  /** Samples to show (default the first min(count, 100)). */
  readonly indices?: readonly number[];
  /** Tiles per row (default 10). */
  readonly columns?: number;
  /** Enlargement of each image (default 4). */
  readonly scale?: number;
  /** Draw the trajectories (default true). */
  readonly trajectories?: boolean;
}

/** Render the sheet; returns the PNG file bytes. */
export function renderContactSheet(set: DigitSet, options: ContactSheetOptions = {}): Buffer {
  const indices = options.indices ?? Array.from({ length: Math.min(set.count, 100) }, (_, i) => i);
  const columns = Math.max(1, Math.min(options.columns ?? 10, indices.length));
  const scale = options.scale ?? 4;
  const gap = 2;
  const tile = set.imageSize * scale;
  const rows = Math.ceil(indices.length / columns);
  const png = new PNG({ width: columns * (tile + gap) + gap, height: rows * (tile + gap) + gap });
  png.data.fill(0x60); // grey gaps
  for (let p = 3; p < png.data.length; p += 4) png.data[p] = 255;
  const put = (x: number, y: number, rgb: readonly [number, number, number], alpha: number): void => {
    if (x < 0 || y < 0 || x >= png.width || y >= png.height) return;
    const o = 4 * (y * png.width + x);
    for (let k = 0; k < 3; k++) png.data[o + k] = Math.round(png.data[o + k] * (1 - alpha) + rgb[k] * alpha);
  };
  const px = set.imageSize * set.imageSize;
  indices.forEach((index, k) => {
    const ox = gap + (k % columns) * (tile + gap);
    const oy = gap + Math.floor(k / columns) * (tile + gap);
    for (let y = 0; y < tile; y++) {
      for (let x = 0; x < tile; x++) {
        const v = Math.round(255 * set.images[index * px + Math.floor(y / scale) * set.imageSize + Math.floor(x / scale)]);
        put(ox + x, oy + y, [v, v, v], 1);
      }
    }
    if (options.trajectories === false) return;
    const f = (scale * set.imageSize) / set.frameSize;
    const t = set.trajectories.subarray(index * set.points * 2, (index + 1) * set.points * 2);
    const at = (j: number): [number, number] => [ox + (t[2 * j] + 0.5) * f, oy + (t[2 * j + 1] + 0.5) * f];
    for (let j = 0; j + 1 < set.points; j++) {
      const [x0, y0] = at(j);
      const [x1, y1] = at(j + 1);
      const steps = Math.max(1, Math.ceil(4 * Math.hypot(x1 - x0, y1 - y0)));
      for (let s = 0; s <= steps; s++) put(Math.floor(x0 + ((x1 - x0) * s) / steps), Math.floor(y0 + ((y1 - y0) * s) / steps), [255, 40, 40], 0.6);
    }
    const [sx, sy] = at(0);
    for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) put(Math.floor(sx) + dx, Math.floor(sy) + dy, [40, 220, 40], 1);
  });
  return PNG.sync.write(png);
}
