import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEnv } from "../../src/envs/check-env.js";
import { evaluatePolicy } from "../../src/envs/evaluate.js";
import type { MujocoEnv } from "../../src/envs/mujoco-env.js";
import { getTask, listTasks, makeEnv, makeMujocoEnv } from "../../src/envs/registry.js";
import { NdpError } from "../../src/errors.js";

/** Step with a zero action (the hand holds still) and return the step's success flag. */
function successNow(env: MujocoEnv): boolean {
  return env.step(new Float64Array(env.actionSpec.shape[0])).info.success;
}

describe("success rules on constructed states", () => {
  it("reach: TCP on the goal → success; 0.06 m above it → not", async () => {
    // With randomize off the goal is fixed: put it right at the TCP after reset (hand − 0.035 in z)...
    const at = await makeMujocoEnv("reach", { config: { randomize: false, defaultGoal: [0, 0.6, 0.165] } });
    const above = await makeMujocoEnv("reach", { config: { randomize: false, defaultGoal: [0, 0.6, 0.105] } });
    try {
      expect(at.reset({ seed: 0 }).info.success).toBe(true);
      expect(successNow(at)).toBe(true);
      expect(above.reset({ seed: 0 }).info.success).toBe(false); // 0.06 from the TCP
      expect(successNow(above)).toBe(false);
    } finally {
      at.close();
      above.close();
    }
  });

  describe.each([
    ["push", "puck_joint", 0.015, [0, 0.06], [0, 0.08]],
    ["soccer", "ball_joint", 0.03, [0.05, 0.02], [0, -0.08]],
  ] as const)("%s", (task, joint, z, inside, outside) => {
    let env: MujocoEnv;
    beforeAll(async () => {
      env = await makeMujocoEnv(task);
    });
    afterAll(() => env.close());

    it("object at the goal → success; just outside the 0.07 radius → not", () => {
      for (const [offset, expected] of [[[0, 0], true], [inside, true], [outside, false]] as const) {
        const { obs } = env.reset({ seed: 7 });
        expect(successNow(env)).toBe(false); // the start is at least 0.15 from the goal
        env.task.sim.setFreeJoint(joint, [obs[6] + offset[0], obs[7] + offset[1], z]);
        expect(successNow(env), `offset ${offset}`).toBe(expected);
      }
    });
  });

  it("faucet-open: lever turned 80° → success; 60° → not (the rule needs ≈ 74°)", async () => {
    const env = await makeMujocoEnv("faucet-open");
    try {
      for (const [deg, expected] of [[80, true], [60, false], [0, false]] as const) {
        env.reset({ seed: 3 });
        env.task.sim.qpos[env.task.sim.jointQposAddress("faucet_hinge")] = (deg * Math.PI) / 180;
        expect(successNow(env), `${deg}°`).toBe(expected);
      }
    } finally {
      env.close();
    }
  });
});

describe("faucet-open actions", () => {
  it("has a 4-D action with the gripper, validated like the others", async () => {
    const env = await makeEnv("faucet-open");
    try {
      env.reset({ seed: 0 });
      expect(env.actionSpec.labels).toEqual(["dx", "dy", "dz", "gripper"]);
      expect(() => env.step([0, 0, 0])).toThrow(NdpError);
      expect(env.step([0, 0, 0, 3]).info.clipped).toBe(1);
    } finally {
      env.close();
    }
  });
});

describe.each(listTasks().map((t) => t.name))("task %s", (name) => {
  it("stays stable over 10 000 random-action steps (no NaN, no instability, obs in bounds)", async () => {
    const env = await makeEnv(name);
    try {
      expect(checkEnv(env, { episodes: Math.ceil(10_000 / env.horizon), seed: 100 })).toEqual([]);
    } finally {
      env.close();
    }
  });

  it.skipIf(getTask(name).expert === undefined)("its scripted expert succeeds on seeded episodes", async () => {
    const r = await evaluatePolicy({ task: name, policy: "expert", episodes: 4, seed: 5 });
    expect(r.success_rate).toBeGreaterThanOrEqual(0.75);
    expect(r.unstable_episodes).toBe(0);
  });

  it("randomises its start (different seeds give different observations)", async () => {
    const env = await makeEnv(name);
    try {
      const a = env.reset({ seed: 1 }).obs;
      const b = env.reset({ seed: 2 }).obs;
      expect(a.some((v, i) => Math.abs(v - b[i]) > 1e-3)).toBe(true);
    } finally {
      env.close();
    }
  });
});
