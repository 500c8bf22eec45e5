import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handPose, solveIk } from "../../../../src/envs/robots/jaco/jaco-kinematics.js";
import { loadJacoModel } from "../../../../src/envs/robots/jaco/jaco-rig.js";
import { Rng } from "../../../../src/math/rng.js";
import type { Simulation } from "../../../../src/physics/mujoco.js";

/** World x and z axes of a body from its quaternion (w first). */
function axesFromQuat(q: ArrayLike<number>): { x: number[]; z: number[] } {
  const [w, x, y, z] = [q[0], q[1], q[2], q[3]];
  return {
    x: [1 - 2 * (y * y + z * z), 2 * (x * y + w * z), 2 * (x * z - w * y)],
    z: [2 * (x * z + w * y), 2 * (y * z - w * x), 1 - 2 * (x * x + y * y)],
  };
}

const LOW = [-0.65, -1.7, -1.4, -1.8, -2.9, -1.8];
const HIGH = [0.68, 1.5, 1.0, 1.8, 1.5, 1.8];

describe("Jaco kinematics (product of exponentials) against MuJoCo", () => {
  let sim: Simulation;
  beforeAll(async () => {
    sim = await loadJacoModel("jaco-pick.xml");
  });
  afterAll(() => sim.dispose());

  it("matches the model's grip site and hand axes for random joint angles", () => {
    const rng = new Rng(42);
    const grip = sim.id("site", "grip");
    const hand = sim.id("body", "hand");
    for (let s = 0; s < 50; s++) {
      const q = LOW.map((lo, i) => rng.uniform(lo, HIGH[i]));
      sim.reset();
      q.forEach((v, i) => (sim.qpos[i] = v));
      sim.forward();
      const pose = handPose(q);
      const axes = axesFromQuat(sim.xquat.subarray(4 * hand, 4 * hand + 4));
      for (let k = 0; k < 3; k++) {
        // The constants are printed to 6 digits, so agreement is to ~1e-6.
        expect(pose.grip[k]).toBeCloseTo(sim.siteXpos[3 * grip + k], 5);
        expect(pose.x[k]).toBeCloseTo(axes.x[k], 5);
        expect(pose.z[k]).toBeCloseTo(axes.z[k], 5);
      }
    }
  });

  it("puts the fingers where the original Jaco had them at the throw and pick reset poses (tasks.md §6)", () => {
    const centroid = (q: number[], fingers: number) => {
      sim.reset();
      [...q, fingers, fingers, fingers].forEach((v, i) => (sim.qpos[i] = v));
      sim.forward();
      const c = [0, 0, 0];
      for (const name of ["finger1_com", "finger2_com", "finger3_com"]) {
        const site = sim.id("site", name);
        for (let k = 0; k < 3; k++) c[k] += sim.siteXpos[3 * site + k] / 3;
      }
      return c;
    };
    // Derived on the original model: throw ≈ (0.49, 0.00, 0.23), pick ≈ (0.53, 0.01, 0.73).
    const throwC = centroid([-0.07855885, -0.1, 0.6731897, 1.5, -2.83926611, 0], 0.698);
    const pickC = centroid([-0.07855885, -1.0, 0.6731897, 1.5, -2.83926611, 0], 0.2);
    [0.49, 0.0, 0.23].forEach((v, k) => expect(Math.abs(throwC[k] - v)).toBeLessThan(0.015));
    [0.53, 0.01, 0.73].forEach((v, k) => expect(Math.abs(pickC[k] - v)).toBeLessThan(0.015));
  });
});

describe("solveIk", () => {
  it("recovers a reachable pose (grip point and both hand axes) inside the bounds", () => {
    const rng = new Rng(7);
    const seed = [0.03, 0.25, -0.13, 0.33, -1.24, -1.05];
    for (let s = 0; s < 10; s++) {
      const q = seed.map((v) => v + rng.uniform(-0.3, 0.3));
      const pose = handPose(q);
      const r = solveIk({ grip: pose.grip, z: pose.z, x: pose.x }, seed, { low: LOW, high: HIGH });
      expect(r.error).toBeLessThan(1e-6);
      const got = handPose(r.q);
      for (let k = 0; k < 3; k++) expect(got.grip[k]).toBeCloseTo(pose.grip[k], 6);
      r.q.forEach((v, i) => {
        expect(v).toBeGreaterThanOrEqual(LOW[i]);
        expect(v).toBeLessThanOrEqual(HIGH[i]);
      });
    }
  });

  it("reports the residual when the target is out of reach", () => {
    const r = solveIk({ grip: [2, 0, 0.5], z: [0, 0, 1] }, [0, 0, 0, 0, -2.8, 0], { low: LOW, high: HIGH });
    expect(r.error).toBeGreaterThan(0.5); // 2 m away, the arm reaches ~1 m
  });
});
