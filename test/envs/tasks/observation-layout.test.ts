// Every task's exported observation offsets (config.ts OBS) point at the entries its spec labels.
import { describe, expect, it } from "vitest";
import { makeEnv } from "../../../src/envs/registry.js";
import { OBS as PICK } from "../../../src/envs/tasks/pick/config.js";
import { OBS as REACH } from "../../../src/envs/tasks/reach/config.js";
import { OBS as PUSH } from "../../../src/envs/tasks/push/config.js";
import { OBS as SOCCER } from "../../../src/envs/tasks/soccer/config.js";
import { OBS as FAUCET } from "../../../src/envs/tasks/faucet-open/config.js";
import { OBS as THROW } from "../../../src/envs/tasks/throw/config.js";
import { pointMassObs } from "../../../src/envs/tasks/point-mass/config.js";

const SAWYER_LABELS = { hand: "hand_x", object: "obj_x", goal: "goal_x" };
const JACO_LABELS = { joints: "q_j1", cube: "cube_x", jointVelocities: "qd_j1", cubeVelocity: "cube_vx", fingers: "fingers_x" };

describe.each([
  ["reach", REACH, SAWYER_LABELS],
  ["push", PUSH, SAWYER_LABELS],
  ["soccer", SOCCER, SAWYER_LABELS],
  ["faucet-open", FAUCET, SAWYER_LABELS],
  ["pick", PICK, JACO_LABELS],
  ["throw", THROW, { ...JACO_LABELS, bin: "bin_dx", binVelocity: "bin_vx", goal: "goal_dx" }],
  ["point-mass", pointMassObs(2), { position: "pos_x", goal: "goal_x" }],
] as const)("%s", (task, offsets, labels) => {
  it("OBS offsets name the first entry of each part", async () => {
    const env = await makeEnv(task);
    try {
      expect(Object.keys(offsets).sort()).toEqual(Object.keys(labels).sort());
      for (const [part, offset] of Object.entries(offsets)) expect(env.observationSpec.labels[offset], part).toBe(labels[part as keyof typeof labels]);
    } finally {
      env.close();
    }
  });
});
