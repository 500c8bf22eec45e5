import { describe, expect, it } from "vitest";
import type { GeomPose } from "../../src/physics/mujoco.js";
import { GEOM_TYPE } from "../../src/physics/mujoco.js";
import { renderSchematic } from "../../src/envs/render/schematic.js";

const IDENTITY = [1, 0, 0, 0, 1, 0, 0, 0, 1];

function geom(type: number, size: [number, number, number], pos: [number, number, number], rgba: [number, number, number, number] = [1, 0, 0, 1]): GeomPose {
  return { name: "g", type, size, rgba, pos, mat: IDENTITY, group: 0 };
}

function polygons(svg: string): number[][][] {
  return [...svg.matchAll(/<polygon points="([^"]+)"/g)].map((m) => m[1].split(" ").map((p) => p.split(",").map(Number)));
}

describe("schematic renderer", () => {
  // Camera straight above the origin looking down (tilted a hair so "up" is defined).
  const camera = { eye: [0, -1e-3, 2] as const, target: [0, 0, 0] as const, fovDeg: 60 };

  it("draws only the faces that face the camera: a box seen from above is one centred square", () => {
    const svg = renderSchematic([geom(GEOM_TYPE.box, [0.03, 0.03, 0.03], [0, 0, 0])], { width: 200, height: 200, camera });
    const polys = polygons(svg);
    expect(polys).toHaveLength(1);
    const xs = polys[0].map((p) => p[0]);
    const ys = polys[0].map((p) => p[1]);
    expect((Math.min(...xs) + Math.max(...xs)) / 2).toBeCloseTo(100, 0);
    expect((Math.min(...ys) + Math.max(...ys)) / 2).toBeCloseTo(100, 0);
    // Pinhole: half-width = f · 0.03 / (2 − 0.03), f = 100 / tan(30°). (Faces under 0.08 m are not subdivided.)
    expect((Math.max(...xs) - Math.min(...xs)) / 2).toBeCloseTo(((100 / Math.tan(Math.PI / 6)) * 0.03) / 1.97, 0);
  });

  it("paints far before near (painter's algorithm) and skips hidden groups and planes", () => {
    const near = geom(GEOM_TYPE.sphere, [0.05, 0, 0], [0, 0, 0.5], [0, 0, 1, 1]);
    const far = geom(GEOM_TYPE.box, [0.2, 0.2, 0.01], [0, 0, 0], [0, 1, 0, 1]);
    const hidden = { ...geom(GEOM_TYPE.box, [0.1, 0.1, 0.1], [0, 0, 1]), group: 5 };
    const plane = geom(GEOM_TYPE.plane, [1, 1, 0.1], [0, 0, -0.1]);
    const svg = renderSchematic([near, far, hidden, plane], { width: 200, height: 200, camera, title: "t & <x>" });
    const fills = [...svg.matchAll(/fill="rgb\((\d+),(\d+),(\d+)\)"/g)].map((m) => (Number(m[2]) > 0 ? "green" : Number(m[3]) > 0 ? "blue" : "red"));
    expect(fills).not.toContain("red");
    expect(fills.lastIndexOf("green")).toBeLessThan(fills.indexOf("blue"));
    expect(svg).toContain("t &amp; &lt;x&gt;");
  });
});
