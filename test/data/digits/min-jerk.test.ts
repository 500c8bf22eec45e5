import { describe, expect, it } from "vitest";
import { minJerk } from "../../../src/data/digits/min-jerk.js";

describe("minJerk s(τ) = 10τ³ − 15τ⁴ + 6τ⁵", () => {
  it("goes from 0 to 1 symmetrically, clamped outside [0, 1]", () => {
    expect(minJerk(0)).toBe(0);
    expect(minJerk(1)).toBe(1);
    expect(minJerk(0.5)).toBeCloseTo(0.5, 15);
    expect(minJerk(0.2) + minJerk(0.8)).toBeCloseTo(1, 15);
    expect(minJerk(-1)).toBe(0);
    expect(minJerk(2)).toBe(1);
    // Hand-worked: s(0.25) = 10/64 − 15/256 + 6/1024 = 0.103515625.
    expect(minJerk(0.25)).toBeCloseTo(0.103515625, 14);
  });

  it("has zero velocity and acceleration at both ends and peak speed 15/8 at the middle", () => {
    const h = 1e-4;
    const v = (t: number) => (minJerk(t + h) - minJerk(t - h)) / (2 * h);
    const a = (t: number) => (minJerk(t + h) - 2 * minJerk(t) + minJerk(t - h)) / (h * h);
    expect(Math.abs(v(h))).toBeLessThan(1e-6);
    expect(Math.abs(v(1 - h))).toBeLessThan(1e-6);
    // s''(τ) = 60τ − 180τ² + 120τ³ ≈ 60τ near 0 and ≈ −60(1 − τ) near 1: zero at both ends.
    expect(a(0.01)).toBeCloseTo(60 * 0.01 - 180 * 1e-4 + 120 * 1e-6, 4);
    expect(a(0.99)).toBeCloseTo(-(60 * 0.01 - 180 * 1e-4 + 120 * 1e-6), 4);
    expect(v(0.5)).toBeCloseTo(15 / 8, 6);
  });
});
