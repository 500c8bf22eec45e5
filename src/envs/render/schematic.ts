/**
 * A schematic renderer for MuJoCo scenes (there is no GL in Node): every primitive geom (box,
 * sphere, capsule, cylinder, ellipsoid; planes are skipped — our visible table is a box) and every
 * visible site is tessellated into flat polygons in world coordinates, projected with a pinhole
 * camera, flat-shaded (ambient + Lambert with one directional light) and drawn far-to-near
 * (painter's algorithm; large faces are subdivided so the ordering holds). Output: an SVG string.
 */
import type { GeomPose } from "../../physics/mujoco.js";
import { GEOM_TYPE } from "../../physics/mujoco.js";
import { escapeXml } from "../../report/figure.js";
import type { Vec3 } from "../vec3.js";

export interface Camera {
  /** Eye position (world). */
  eye: Vec3;
  /** Point looked at (world). */
  target: Vec3;
  /** Vertical field of view (degrees). */
  fovDeg: number;
}

export interface RenderOptions {
  width?: number;
  height?: number;
  camera: Camera;
  /** Title drawn in the top-left corner. */
  title?: string;
  /** Extra lines under the title. */
  caption?: string[];
  /** Geom groups not drawn (default: 5, our "invisible" group). */
  hiddenGroups?: number[];
}

interface Polygon {
  points: Vec3[];
  normal: Vec3;
  rgba: readonly number[];
}

/** Light direction (toward the light), normalised. */
const LIGHT: Vec3 = normalize([0.35, 0.45, 1]);
/** Longest edge of a drawn box face before it is subdivided (m). */
const MAX_EDGE = 0.08;
const SEGMENTS = 16;

export function renderSchematic(geoms: readonly GeomPose[], options: RenderOptions): string {
  const { width = 640, height = 480, camera, title, caption = [], hiddenGroups = [5] } = options;
  const polys: Polygon[] = [];
  for (const g of geoms) {
    if (hiddenGroups.includes(g.group) || g.rgba[3] <= 0) continue;
    tessellate(g, polys);
  }
  const view = viewBasis(camera);
  const f = height / 2 / Math.tan((camera.fovDeg * Math.PI) / 360);
  const drawn: Array<{ depth: number; svg: string }> = [];
  for (const p of polys) {
    const c = centroid(p.points);
    if (dot(sub(c, camera.eye), p.normal) > 0) continue; // back face
    const cam = p.points.map((q) => toCamera(q, camera.eye, view));
    if (cam.some((q) => q[2] <= 0.01)) continue; // behind the eye
    const pts = cam.map((q) => `${(width / 2 + (f * q[0]) / q[2]).toFixed(1)},${(height / 2 - (f * q[1]) / q[2]).toFixed(1)}`).join(" ");
    const shade = 0.5 + 0.5 * Math.max(0, dot(p.normal, LIGHT));
    const [r, g, b] = p.rgba.slice(0, 3).map((v) => Math.round(255 * Math.min(1, v * shade)));
    const opacity = p.rgba[3] < 1 ? ` fill-opacity="${p.rgba[3].toFixed(2)}" stroke-opacity="${p.rgba[3].toFixed(2)}"` : "";
    const depth = cam.reduce((s, q) => s + q[2], 0) / cam.length;
    // The stroke has the fill colour: it closes the hairline seams between neighbouring polygons.
    drawn.push({ depth, svg: `<polygon points="${pts}" fill="rgb(${r},${g},${b})" stroke="rgb(${r},${g},${b})"${opacity} stroke-width="0.7" stroke-linejoin="round"/>` });
  }
  drawn.sort((a, b) => b.depth - a.depth);
  const lines = [title, ...caption].filter((s): s is string => s !== undefined);
  const text = lines.map((s, i) => `<text x="12" y="${24 + 18 * i}" font-family="DejaVu Sans" font-size="${i === 0 ? 16 : 12}" fill="#222">${escapeXml(s)}</text>`);
  if (lines.length > 0) {
    const w = Math.min(width - 8, 16 + 7.2 * Math.max(...lines.map((s) => s.length)));
    text.unshift(`<rect x="4" y="6" width="${w.toFixed(0)}" height="${10 + 18 * lines.length}" rx="4" fill="white" fill-opacity="0.8"/>`);
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="#eef1f5"/>`,
    ...drawn.map((d) => d.svg),
    ...text,
    `</svg>`,
  ].join("\n");
}

/** Append the polygons of one geom (world coordinates, outward normals). */
function tessellate(g: GeomPose, out: Polygon[]): void {
  const R = g.mat;
  const world = (l: Vec3): Vec3 => [
    g.pos[0] + R[0] * l[0] + R[1] * l[1] + R[2] * l[2],
    g.pos[1] + R[3] * l[0] + R[4] * l[1] + R[5] * l[2],
    g.pos[2] + R[6] * l[0] + R[7] * l[1] + R[8] * l[2],
  ];
  const dir = (l: Vec3): Vec3 => normalize([R[0] * l[0] + R[1] * l[1] + R[2] * l[2], R[3] * l[0] + R[4] * l[1] + R[5] * l[2], R[6] * l[0] + R[7] * l[1] + R[8] * l[2]]);
  const add = (local: Vec3[], normalLocal: Vec3) => out.push({ points: local.map(world), normal: dir(normalLocal), rgba: g.rgba });
  const [sx, sy, sz] = g.size;
  switch (g.type) {
    case GEOM_TYPE.box: {
      const h = [sx, sy, sz];
      for (let axis = 0; axis < 3; axis++) {
        for (const s of [-1, 1]) {
          const u = (axis + 1) % 3;
          const v = (axis + 2) % 3;
          const nu = Math.max(1, Math.ceil((2 * h[u]) / MAX_EDGE));
          const nv = Math.max(1, Math.ceil((2 * h[v]) / MAX_EDGE));
          const normal: [number, number, number] = [0, 0, 0];
          normal[axis] = s;
          for (let i = 0; i < nu; i++) {
            for (let j = 0; j < nv; j++) {
              const corner = (a: number, b: number): Vec3 => {
                const p: [number, number, number] = [0, 0, 0];
                p[axis] = s * h[axis];
                p[u] = -h[u] + (2 * h[u] * a) / nu;
                p[v] = -h[v] + (2 * h[v] * b) / nv;
                return p;
              };
              add([corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1)], normal);
            }
          }
        }
      }
      break;
    }
    case GEOM_TYPE.sphere:
      ellipsoidPatch(sx, sx, sx, 0, Math.PI, 0, add);
      break;
    case GEOM_TYPE.ellipsoid:
      ellipsoidPatch(sx, sy, sz, 0, Math.PI, 0, add);
      break;
    case GEOM_TYPE.cylinder:
    case GEOM_TYPE.capsule: {
      const r = sx;
      const hl = sy;
      for (let k = 0; k < SEGMENTS; k++) {
        const a0 = (2 * Math.PI * k) / SEGMENTS;
        const a1 = (2 * Math.PI * (k + 1)) / SEGMENTS;
        const am = (a0 + a1) / 2;
        add([[r * Math.cos(a0), r * Math.sin(a0), -hl], [r * Math.cos(a1), r * Math.sin(a1), -hl], [r * Math.cos(a1), r * Math.sin(a1), hl], [r * Math.cos(a0), r * Math.sin(a0), hl]], [Math.cos(am), Math.sin(am), 0]);
      }
      if (g.type === GEOM_TYPE.cylinder) {
        for (const s of [-1, 1]) {
          const cap: Vec3[] = [];
          for (let k = 0; k < SEGMENTS; k++) cap.push([r * Math.cos((2 * Math.PI * k) / SEGMENTS), r * Math.sin((2 * Math.PI * k) / SEGMENTS), s * hl]);
          add(cap, [0, 0, s]);
        }
      } else {
        ellipsoidPatch(r, r, r, 0, Math.PI / 2, hl, add); // top hemisphere
        ellipsoidPatch(r, r, r, Math.PI / 2, Math.PI, -hl, add); // bottom hemisphere
      }
      break;
    }
    default:
      break; // planes, meshes, height fields: not drawn
  }
}

/** Polar band [theta0, theta1] of an ellipsoid with radii (a, b, c), shifted by `dz` along z. */
function ellipsoidPatch(a: number, b: number, c: number, theta0: number, theta1: number, dz: number, add: (pts: Vec3[], n: Vec3) => void): void {
  const lat = Math.max(2, Math.round(((theta1 - theta0) / Math.PI) * 8));
  const lon = SEGMENTS;
  const point = (t: number, p: number): Vec3 => [a * Math.sin(t) * Math.cos(p), b * Math.sin(t) * Math.sin(p), c * Math.cos(t) + dz];
  for (let i = 0; i < lat; i++) {
    const t0 = theta0 + ((theta1 - theta0) * i) / lat;
    const t1 = theta0 + ((theta1 - theta0) * (i + 1)) / lat;
    for (let j = 0; j < lon; j++) {
      const p0 = (2 * Math.PI * j) / lon;
      const p1 = (2 * Math.PI * (j + 1)) / lon;
      const tm = (t0 + t1) / 2;
      const pm = (p0 + p1) / 2;
      add([point(t0, p0), point(t0, p1), point(t1, p1), point(t1, p0)], [Math.sin(tm) * Math.cos(pm) / a, Math.sin(tm) * Math.sin(pm) / b, Math.cos(tm) / c]);
    }
  }
}

/** Camera basis (right, up, forward) for a look-at camera with world +z up. */
function viewBasis(c: Camera): [Vec3, Vec3, Vec3] {
  const fwd = normalize(sub(c.target, c.eye));
  const right = normalize(cross(fwd, [0, 0, 1]));
  const up = cross(right, fwd);
  return [right, up, fwd];
}

function toCamera(p: Vec3, eye: Vec3, [right, up, fwd]: [Vec3, Vec3, Vec3]): Vec3 {
  const d = sub(p, eye);
  return [dot(d, right), dot(d, up), dot(d, fwd)];
}

function centroid(points: Vec3[]): Vec3 {
  const c: [number, number, number] = [0, 0, 0];
  for (const p of points) for (let k = 0; k < 3; k++) c[k] += p[k] / points.length;
  return c;
}

function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function normalize(a: Vec3): Vec3 {
  const n = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / n, a[1] / n, a[2] / n];
}
