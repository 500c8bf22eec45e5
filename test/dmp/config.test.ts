import { describe, expect, it } from "vitest";
import { dmpConfig, spectralRadius, parseBasisKind } from "../../src/dmp/index.js";
import { ConfigError } from "../../src/errors.js";

describe("dmpConfig", () => {
  it("fills the documented defaults", () => {
    const cfg = dmpConfig({ nBasis: 30, steps: 300 });
    expect(cfg).toMatchObject({ alphaZ: 25, betaZ: 25 / 4, aX: 1, tau: 1, dt: 1 / 300, basis: "gaussian", centers: "release" });
  });

  it.each([
    [{ nBasis: 0, steps: 10 }, /n_basis .* must be an integer in 1..100000, got 0/],
    [{ nBasis: 2.5, steps: 10 }, /n_basis/],
    [{ nBasis: 3, steps: 0 }, /steps .* must be an integer in 1..10000000, got 0/],
    [{ nBasis: 3, steps: 10, alphaZ: Number.NaN }, /alpha_z must be a finite number/],
    [{ nBasis: 3, steps: 10, alphaZ: Infinity }, /alpha_z must be a finite number/],
    [{ nBasis: 3, steps: 10, tau: -1 }, /tau must be > 0/],
    [{ nBasis: 3, steps: 10, basis: "cubic" as never }, /unknown basis "cubic"; use one of gaussian, linear/],
    [{ nBasis: 3, steps: 2, alphaZ: 25 }, /Euler integration diverges .* use a smaller dt/],
    [{ nBasis: 3, steps: 10, aX: 20 }, /phase step/],
  ])("rejects %j with a clear ConfigError", (input, message) => {
    expect(() => dmpConfig(input as never)).toThrow(ConfigError);
    expect(() => dmpConfig(input as never)).toThrow(message);
  });

  it("accepts snake_case and CamelCase basis names", () => {
    expect(parseBasisKind("inverse_multiquadric")).toBe("inverse-multiquadric");
    expect(parseBasisKind("InverseQuadric")).toBe("inverse-quadric");
  });

  it("has the double eigenvalue 1 − αh/2 when βz = αz/4", () => {
    const cfg = dmpConfig({ nBasis: 3, steps: 100, alphaZ: 25 });
    expect(spectralRadius(cfg)).toBeCloseTo(1 - 25 / 100 / 2, 12);
  });
});
