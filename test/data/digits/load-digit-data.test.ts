import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeDigitFile } from "../../../src/data/digits/digit-file.js";
import { selectDigits } from "../../../src/data/digits/digit-set.js";
import { generateDigits } from "../../../src/data/digits/generator.js";
import { loadDigitData } from "../../../src/data/digits/load-digit-data.js";
import { ConfigError, InputFileError } from "../../../src/errors.js";

describe("loadDigitData (paper protocol at a small size)", () => {
  const data = loadDigitData({ count: 60, trainCount: 50, seed: 9 });

  it("splits the first `count` samples into disjoint train / test sets covering them all", () => {
    expect(data.train.count).toBe(50);
    expect(data.test.count).toBe(10);
    const all = [...data.trainIndices, ...data.testIndices].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect([...data.trainIndices]).not.toEqual(Array.from({ length: 50 }, (_, i) => i)); // shuffled
    expect(data.source).toBe("generated");
  });

  it("resizes images to 28×28 and keeps trajectories in pixels of the 40×40 frame", () => {
    expect(data.train).toMatchObject({ imageSize: 28, frameSize: 40, points: 301 });
    expect(data.train.images.length).toBe(50 * 28 * 28);
    const full = generateDigits({ count: 60, seed: 9 });
    const expected = selectDigits(full, data.testIndices);
    expect(data.test.trajectories).toEqual(expected.trajectories);
    expect(data.test.labels).toEqual(expected.labels);
  });

  it("is deterministic for a seed and changes the split with it", () => {
    const again = loadDigitData({ count: 60, trainCount: 50, seed: 9 });
    expect(again.trainIndices).toEqual(data.trainIndices);
    expect(again.train.images).toEqual(data.train.images);
    const other = loadDigitData({ count: 60, trainCount: 50, seed: 10 });
    expect(other.trainIndices).not.toEqual(data.trainIndices);
  });

  it("reads a file instead of generating, taking its first `count` samples", () => {
    const dir = mkdtempSync(join(tmpdir(), "ndp-load-"));
    const file = join(dir, "d.mat");
    const source = generateDigits({ count: 40, seed: 123 });
    writeDigitFile(file, source);
    const fromFile = loadDigitData({ file, count: 30, trainCount: 20, seed: 1, imageSize: 40 });
    expect(fromFile.source).toBe(file);
    expect(fromFile.trainIndices.every((i) => i < 30)).toBe(true);
    expect(fromFile.train.images).toEqual(selectDigits(source, fromFile.trainIndices).images);
    expect(() => loadDigitData({ file, count: 41, trainCount: 20, seed: 1 })).toThrow(InputFileError);
    expect(() => loadDigitData({ file, count: 41, trainCount: 20, seed: 1 })).toThrow(/has 40 samples but 41 were asked for/);
  });

  it("rejects impossible options", () => {
    expect(() => loadDigitData({ count: 10, trainCount: 10, seed: 1 })).toThrow(ConfigError);
    expect(() => loadDigitData({ count: 10, trainCount: 5, seed: 1, resize: "nearest" as never })).toThrow(ConfigError);
    expect(() => loadDigitData({ file: "/no/such/file.mat", count: 10, trainCount: 5, seed: 1 })).toThrow(/does not exist/);
  });
});
