import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { OUTPUT_KINDS, planRollout, referenceRollout, selectPoints, transferPlan, sampleIndices } from "../../src/dmp/index.js";
import { dmpCase, maxAbsDiff } from "../helpers/dmp-cases.js";

describe("transfer plan (closed form, plain float64)", () => {
  it("equals the reference loop to 1e-9 relative for every output", () => {
    fc.assert(
      fc.property(dmpCase(), (c) => {
        const ref = referenceRollout(c.cfg, c);
        const fast = planRollout(transferPlan(c.cfg), c);
        for (const kind of OUTPUT_KINDS) {
          const { err, scale } = maxAbsDiff(fast[kind], ref[kind]);
          expect(err).toBeLessThanOrEqual(1e-9 * scale + 1e-12);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("sub-sampled plans pick exactly the reference points", () => {
    fc.assert(
      fc.property(dmpCase({ dMax: 3 }), fc.integer({ min: 1, max: 15 }), (c, k0) => {
        const k = Math.min(k0, c.cfg.steps);
        const idx = sampleIndices(c.cfg.steps, k, { includeStart: true });
        const ref = referenceRollout(c.cfg, c);
        const sub = planRollout(selectPoints(transferPlan(c.cfg), idx), c);
        idx.forEach((t, j) => {
          for (let d = 0; d < c.dims; d++) {
            const r = ref.position[t * c.dims + d];
            expect(Math.abs(sub.position[j * c.dims + d] - r)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(r)));
          }
        });
      }),
      { numRuns: 30 },
    );
  });
});
