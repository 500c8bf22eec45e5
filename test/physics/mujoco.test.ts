import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NdpError } from "../../src/errors.js";
import { loadMujoco, mujocoMessages, Simulation } from "../../src/physics/mujoco.js";

const BOX = (memory = "1M") => `<mujoco model="box"><size memory="${memory}"/><option timestep="0.002"/>
  <worldbody><geom name="floor" type="plane" size="1 1 0.1"/>
  <body name="box" pos="0 0 0.5"><freejoint name="free"/><geom name="box" type="box" size="0.1 0.1 0.1" mass="1"/></body>
  <site name="marker" pos="0.3 0 0"/></worldbody></mujoco>`;

let mj: Awaited<ReturnType<typeof loadMujoco>>;
function syncBox(memory?: string): Simulation {
  return Simulation.fromXml(mj, "box.xml", { "box.xml": BOX(memory) }, "box");
}

describe("Simulation", () => {
  let sim: Simulation;
  beforeAll(async () => {
    mj = await loadMujoco();
    sim = syncBox();
  });
  afterAll(() => sim.dispose());

  it("loads a model and falls under gravity onto the floor", () => {
    expect([sim.nq, sim.nv, sim.nu]).toEqual([7, 6, 0]);
    sim.reset();
    sim.step(500); // 1 s
    const b = sim.id("body", "box");
    expect(sim.xpos[3 * b + 2]).toBeCloseTo(0.1, 2); // resting on the floor (half-size 0.1)
    expect(sim.time).toBeCloseTo(1, 6);
  });

  it("exposes live views: writes to qpos show up after forward()", () => {
    sim.reset();
    sim.setFreeJoint("free", [0.2, -0.1, 0.7]);
    sim.forward();
    const b = sim.id("body", "box");
    expect(Array.from(sim.xpos.subarray(3 * b, 3 * b + 3))).toEqual([0.2, -0.1, 0.7]);
    sim.sitePos[3 * sim.id("site", "marker")] = 0.5;
    sim.forward();
    expect(sim.siteXpos[3 * sim.id("site", "marker")]).toBe(0.5);
  });

  it("keeps working after the wasm heap grows (views are rebuilt)", () => {
    sim.reset();
    sim.setFreeJoint("free", [0, 0, 0.33]);
    const before = sim.heapBytes;
    const big: Simulation[] = [];
    try {
      for (let i = 0; i < 3; i++) big.push(syncBox("32M")); // forces memory growth
      expect(sim.heapBytes).toBeGreaterThan(before);
      expect(sim.qpos.length).toBe(7);
      expect(sim.qpos[2]).toBe(0.33);
    } finally {
      for (const s of big) s.dispose();
    }
  });

  it("does not leak: loading and freeing a model 40 times leaves the heap flat", () => {
    syncBox("16M").dispose(); // warm-up: the allocator may keep this block
    const heap = sim.heapBytes;
    for (let i = 0; i < 40; i++) {
      const s = syncBox("16M"); // 16 MB arena each: 40 leaks would need 640 MB more
      s.step(10);
      s.instability();
      s.dispose();
    }
    expect(sim.heapBytes).toBe(heap);
  });

  it("does not leak warning reads: 200k instability() calls leave the heap flat", () => {
    sim.reset();
    sim.qvel[0] = Number.NaN; // a bad state makes every call read the warning counters
    const heap = sim.heapBytes;
    for (let i = 0; i < 200_000; i++) sim.instability(); // a leak of the ~80-byte copies would need 16 MB
    expect(sim.heapBytes).toBe(heap);
    sim.reset();
  });

  it("reports a NaN velocity as instability; the blow-up stays visible until reset()", () => {
    sim.reset();
    sim.qvel[0] = Number.NaN;
    sim.step(1);
    expect(sim.instability()).toMatch(/mjWARN_BADQVEL.*non-finite/);
    expect(Number.isNaN(sim.qpos[0])).toBe(true); // MuJoCo's auto-reset is off
    expect(mujocoMessages().join("\n")).toMatch(/QVEL/);
    sim.reset();
    expect(Array.from(sim.qpos).every(Number.isFinite)).toBe(true);
    expect(sim.instability()).toBeNull();
  });

  it("reports huge values and warnings that leave the state finite", () => {
    sim.reset();
    sim.qvel[2] = 1e12;
    expect(sim.instability()).toMatch(/huge qvel\[2\]/);
    sim.reset();
    sim.forward();
    for (let i = 0; i < 16; i++) expect(sim.instability()).toBeNull();
  });

  it("turns bad XML and unknown names into NdpErrors", () => {
    expect(() => Simulation.fromXml(mj, "bad.xml", { "bad.xml": "<mujoco><worldbody><geom type='boxx'/></worldbody></mujoco>" })).toThrow(NdpError);
    expect(() => sim.id("body", "nope")).toThrow(/no body named "nope"/);
    expect(() => sim.mocapIndex("box")).toThrow(/not a mocap body/);
  });

  it("refuses use after dispose", () => {
    const s = syncBox();
    s.dispose();
    s.dispose(); // idempotent
    expect(() => s.step()).toThrow(/disposed/);
  });
});
