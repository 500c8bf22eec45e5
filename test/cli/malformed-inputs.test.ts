/**
 * The hostile-input corpus (issue 11): malformed inputs for every command that reads a file, a
 * directory, standard input or an option. Every case must end with exit code 2, nothing on
 * stdout, exactly one line on stderr ("ndp: error: ..."), no stack trace, within 5 s, and without
 * raising this process's peak memory by more than 256 MB. The cases run in this process through
 * `runCli` (milliseconds each); test/cli/malformed-inputs-process.test.ts runs the memory and
 * stdin cases as real child processes, test/cli/write-faults.test.ts the failing output paths.
 *
 * Each case names its class (the headings); the last test checks that every class is
 * covered and that there are at least 150 cases.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initEngine } from "../../src/engine/jax.js";
import { loadDigitData } from "../../src/data/digits/load-digit-data.js";
import { writeMat } from "../../src/data/mat/mat-writer.js";
import { createDigitModel } from "../../src/models/digits/create-digit-model.js";
import { initDigitParams } from "../../src/il/train-digits.js";
import { encodeCheckpoint } from "../../src/nn/checkpoint.js";
import { disposeTree, zerosLike } from "../../src/nn/params.js";
import { headerOnlyTrainState, matCell, matCompressed, matDeep, matDouble, matFile, matHeader, matMatrix, matStruct, matTag, matZlibBomb, rawCheckpoint, splitCheckpoint } from "../helpers/bad-inputs.js";
import { runInProcess } from "../helpers/run-in-process.js";

const CLASSES = [
  "internal: deep nesting",
  "internal: array-likes",
  "internal: declared sizes",
  "internal: output paths",
  "internal: bad run/checkpoint files",
  "internal: advertised limits",
  "hang: retry loops",
  "memory: size budget",
  "wrong: non-finite results",
  "wrong: prototype keys",
  "wrong: checkpoint offsets",
  "wrong: reading creates",
  "wrong: clamped options",
  "wrong: resume to fewer epochs",
  "one line: usage errors",
  "files: missing, wrong kind, malformed",
  "values: types and ranges",
] as const;
type CaseClass = (typeof CLASSES)[number];

interface Case {
  cls: CaseClass;
  name: string;
  argv: string[];
  /** The error line must match this. */
  match?: RegExp;
  /** This path must not exist afterwards. */
  notCreated?: string;
}

const D = mkdtempSync(join(tmpdir(), "ndp-hostile-"));
const p = (name: string) => join(D, name);
const put = (name: string, content: string | Uint8Array | unknown) => {
  writeFileSync(p(name), typeof content === "string" || content instanceof Uint8Array ? content : JSON.stringify(content));
  return p(name);
};
const deep = (n: number, open = "[", close = "]") => open.repeat(n) + close.repeat(n);

// ---- shared fixtures ------------------------------------------------------------------------
const FILE = put("plain.txt", "just a file\n");
const DIR = p("a-directory");
mkdirSync(DIR);
const REQ = { config: { n_basis: 3, steps: 10, alpha_z: 25 }, y0: [0, 1], goal: [1, 0], weights: [[1, 2, 3], [3, 2, 1]] };
const req = (name: string, patch: Record<string, unknown>) => put(`${name}.json`, { ...REQ, ...patch });
const cfg = (name: string, patch: Record<string, unknown>) => put(`${name}.json`, { ...REQ, config: { ...REQ.config, ...patch } });
const rawJson = (name: string, text: string) => put(`${name}.json`, text);
const sparse = (name: string, bytes: number) => {
  const f = put(name, "");
  truncateSync(f, bytes);
  return f;
};

// ---- dmp rollout / field ----------------------------------------------------------------------
const rollout = (input: string, ...more: string[]) => ["dmp", "rollout", "--input", input, "--json", ...more];
const field = (input: string, ...more: string[]) => ["dmp", "field", "--input", input, "--json", ...more];
const dmpCases: Case[] = [
  { cls: "internal: deep nesting", name: "200 000-deep arrays at the top level", argv: rollout(rawJson("deep-top", deep(200_000))), match: /nests arrays\/objects 200000 levels deep/ },
  { cls: "internal: deep nesting", name: "200 000-deep arrays inside y0", argv: rollout(rawJson("deep-y0", JSON.stringify(REQ).replace('"y0":[0,1]', `"y0":${deep(200_000)}`))), match: /levels deep/ },
  { cls: "internal: deep nesting", name: "200 000-deep objects in config", argv: rollout(rawJson("deep-obj", JSON.stringify(REQ).replace('"alpha_z":25', `"x":${'{"a":'.repeat(200_000)}1${"}".repeat(200_000)}`))), match: /levels deep/ },
  { cls: "internal: deep nesting", name: "65-deep weights (just past the limit)", argv: rollout(rawJson("deep-65", JSON.stringify(REQ).replace('"weights":[[1,2,3],[3,2,1]]', `"weights":${deep(65)}`))), match: /66 levels deep, more than the 64/ },
  { cls: "internal: deep nesting", name: "deep nesting in dmp field", argv: field(rawJson("deep-field", deep(100_000))), match: /levels deep/ },
  { cls: "internal: deep nesting", name: "brackets inside strings do not count, but the JSON is then wrong", argv: rollout(rawJson("brackets-in-string", `{"config": "${"[".repeat(1000)}"}`)), match: /"config" must be a JSON object/ },
  { cls: "internal: array-likes", name: "y0 as {length: 1e10}", argv: rollout(req("lie-y0", { y0: { length: 1e10 } })), match: /y0 must be an array of numbers/ },
  { cls: "internal: array-likes", name: "goal as {length: 2, 0: 1, 1: 2}", argv: rollout(req("lie-goal", { goal: { length: 2, 0: 1, 1: 2 } })), match: /goal must be an array/ },
  { cls: "internal: array-likes", name: "weights as {length: 2}", argv: rollout(req("lie-w", { weights: { length: 2 } })), match: /weights must have one row per dimension/ },
  { cls: "internal: array-likes", name: "a weights row as {length: 3}", argv: rollout(req("lie-row", { weights: [{ length: 3 }, [1, 2, 3]] })), match: /weights\[0\] must be an array/ },
  { cls: "internal: array-likes", name: "dy0 as a string of the right length", argv: rollout(req("str-dy0", { dy0: "ab" })), match: /dy0 must be an array/ },
  { cls: "internal: array-likes", name: "y0 as a number", argv: rollout(req("num-y0", { y0: 3 })), match: /y0 must be an array/ },
  { cls: "memory: size budget", name: "steps 10 000 000 (inside the config range, ~16 GB)", argv: rollout(cfg("steps-1e7", { steps: 10_000_000 })), match: /limit of 4,000,000 \(size budget dmpPlanValues\)/ },
  { cls: "memory: size budget", name: "steps 2 000 000 with 30 bases", argv: rollout(cfg("steps-2e6", { steps: 2_000_000, n_basis: 30 })), match: /size budget dmpPlanValues/ },
  { cls: "memory: size budget", name: "1 000 000 dimensions", argv: rollout(put("d-1e6.json", `{"config":{"n_basis":3,"steps":10},"y0":[${"0,".repeat(999_999)}0],"goal":[0]}`)), match: /size budget dmpPointValues/ },
  { cls: "memory: size budget", name: "n_basis 100 000 with 300 steps", argv: rollout(cfg("nb-1e5", { n_basis: 100_000, steps: 300 })), match: /size budget dmpPlanValues/ },
  { cls: "memory: size budget", name: "/dev/zero as --input", argv: rollout("/dev/zero"), match: /is not JSON \(it starts with byte 0x00\)/ },
  { cls: "memory: size budget", name: "/dev/urandom as --input", argv: rollout("/dev/urandom"), match: /is not JSON|not valid JSON|exceeds ndp's limit/ },
  { cls: "memory: size budget", name: "a 20 MB (sparse) input file", argv: rollout(sparse("big.json", 20 << 20)), match: /is 20 MiB, over ndp's limit of 16 MiB \(size budget jsonBytes\)/ },
  { cls: "memory: size budget", name: "/dev/zero as dmp field --input", argv: field("/dev/zero"), match: /is not JSON/ },
  { cls: "wrong: non-finite results", name: "y0 1e308, goal -1e308", argv: rollout(req("overflow", { y0: [1e308], goal: [-1e308], weights: undefined })), match: /the roll-out overflows/ },
  { cls: "wrong: non-finite results", name: "weights 1e308", argv: rollout(req("overflow-w", { goal: [1e300, 0], weights: [[1e308, 1e308, 1e308], [0, 0, 0]] })), match: /the roll-out overflows/ },
  { cls: "wrong: non-finite results", name: "overflow with --method reference", argv: rollout(req("overflow-ref", { y0: [1e308, 0], goal: [-1e308, 0] }), "--method", "reference"), match: /the roll-out overflows/ },
  { cls: "wrong: non-finite results", name: "overflow in dmp field", argv: field(req("overflow-field", { y0: [1e308, 0], goal: [-1e308, 0] })), match: /the roll-out overflows/ },
  { cls: "wrong: non-finite results", name: "a number literal beyond float64 (1e400)", argv: rollout(rawJson("1e400", JSON.stringify(REQ).replace('"goal":[1,0]', '"goal":[1e400,0]'))), match: /goal\[0\] must be finite, got Infinity/ },
  { cls: "wrong: prototype keys", name: "__proto__ in config", argv: rollout(rawJson("proto-cfg", `{"config":{"n_basis":3,"steps":10,"__proto__":{"x":1}},"y0":[0],"goal":[1]}`)), match: /unknown key "__proto__" in "config"/ },
  { cls: "wrong: prototype keys", name: "constructor in config", argv: rollout(cfg("ctor-cfg", { constructor: 1 })), match: /unknown key "constructor"/ },
  { cls: "wrong: prototype keys", name: "toString in config", argv: rollout(cfg("tostring-cfg", { toString: 1 })), match: /unknown key "toString"/ },
  { cls: "wrong: prototype keys", name: "hasOwnProperty at the top level", argv: rollout(req("hop-top", { hasOwnProperty: 1 })), match: /unknown key "hasOwnProperty" in the input/ },
  { cls: "wrong: prototype keys", name: "__proto__ at the top level", argv: rollout(rawJson("proto-top", `{"__proto__":{"config":{"n_basis":3,"steps":10}},"y0":[0],"goal":[1]}`)), match: /unknown key "__proto__" in the input/ },
  { cls: "wrong: prototype keys", name: "no own config (only Object.prototype's)", argv: rollout(rawJson("no-config", `{"y0":[0],"goal":[1]}`)), match: /"config" must be a JSON object/ },
  { cls: "files: missing, wrong kind, malformed", name: "a missing --input", argv: rollout(p("nope.json")), match: /input file .*nope\.json does not exist/ },
  { cls: "files: missing, wrong kind, malformed", name: "a directory as --input", argv: rollout(DIR), match: /is a directory, not a file/ },
  { cls: "files: missing, wrong kind, malformed", name: "an empty file", argv: rollout(put("empty.json", "")), match: /not valid JSON/ },
  { cls: "files: missing, wrong kind, malformed", name: "whitespace only", argv: rollout(put("ws.json", "  \n\t ")), match: /not valid JSON/ },
  { cls: "files: missing, wrong kind, malformed", name: "truncated JSON", argv: rollout(rawJson("trunc", JSON.stringify(REQ).slice(0, 30))), match: /not valid JSON/ },
  { cls: "files: missing, wrong kind, malformed", name: "a trailing comma", argv: rollout(rawJson("comma", `{"config":{"n_basis":3,"steps":10,},"y0":[0],"goal":[1]}`)), match: /not valid JSON/ },
  { cls: "files: missing, wrong kind, malformed", name: "a NaN literal", argv: rollout(rawJson("nanlit", `{"config":{"n_basis":3,"steps":10},"y0":[NaN],"goal":[1]}`)), match: /not valid JSON/ },
  { cls: "files: missing, wrong kind, malformed", name: "binary garbage", argv: rollout(put("garbage.json", Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]))), match: /is not JSON \(it starts with byte 0xff\)/ },
  { cls: "files: missing, wrong kind, malformed", name: "a path through a file", argv: rollout(join(FILE, "x.json")), match: /does not exist/ },
  { cls: "values: types and ranges", name: "a top-level array", argv: rollout(rawJson("top-array", "[1,2,3]")), match: /the input must be a JSON object/ },
  { cls: "values: types and ranges", name: "a top-level null", argv: rollout(rawJson("top-null", "null")), match: /the input must be a JSON object/ },
  { cls: "values: types and ranges", name: "a top-level string", argv: rollout(rawJson("top-string", '"hello"')), match: /the input must be a JSON object/ },
  { cls: "values: types and ranges", name: "config null", argv: rollout(req("cfg-null", { config: null })), match: /"config" must be a JSON object/ },
  { cls: "values: types and ranges", name: "config an array", argv: rollout(req("cfg-array", { config: [3, 10] })), match: /"config" must be a JSON object/ },
  { cls: "values: types and ranges", name: "n_basis 0", argv: rollout(cfg("nb0", { n_basis: 0 })), match: /n_basis .* must be an integer/ },
  { cls: "values: types and ranges", name: "n_basis 1.5", argv: rollout(cfg("nb15", { n_basis: 1.5 })), match: /n_basis .* must be an integer/ },
  { cls: "values: types and ranges", name: 'n_basis "3"', argv: rollout(cfg("nbstr", { n_basis: "3" })), match: /n_basis .* must be an integer/ },
  { cls: "values: types and ranges", name: "steps 1e12", argv: rollout(cfg("steps1e12", { steps: 1e12 })), match: /steps .* must be an integer in 1\.\.10000000/ },
  { cls: "values: types and ranges", name: "steps -5", argv: rollout(cfg("stepsneg", { steps: -5 })), match: /steps .* must be an integer/ },
  { cls: "values: types and ranges", name: "alpha_z a string", argv: rollout(cfg("azstr", { alpha_z: "25" })), match: /alpha_z must be a finite number/ },
  { cls: "values: types and ranges", name: "tau -1", argv: rollout(cfg("tauneg", { tau: -1 })), match: /tau must be > 0/ },
  { cls: "values: types and ranges", name: "dt 0", argv: rollout(cfg("dt0", { dt: 0 })), match: /dt must be > 0/ },
  { cls: "values: types and ranges", name: "a divergent Euler step", argv: rollout(cfg("diverge", { steps: 2, alpha_z: 100 })), match: /Euler integration diverges/ },
  { cls: "values: types and ranges", name: "an unknown basis", argv: rollout(cfg("basis", { basis: "cubic" })), match: /unknown basis "cubic"/ },
  { cls: "values: types and ranges", name: "an unknown centers rule", argv: rollout(cfg("centers", { centers: "middle" })), match: /unknown centers rule/ },
  { cls: "values: types and ranges", name: "no y0", argv: rollout(req("no-y0", { y0: undefined })), match: /has no "y0"/ },
  { cls: "values: types and ranges", name: "an empty y0", argv: rollout(req("empty-y0", { y0: [], goal: [], weights: [] })), match: /y0 is empty/ },
  { cls: "values: types and ranges", name: "a string inside y0", argv: rollout(req("str-in-y0", { y0: [0, "1"] })), match: /y0\[1\] must be a number/ },
  { cls: "values: types and ranges", name: "null inside goal", argv: rollout(req("null-goal", { goal: [1, null] })), match: /goal\[1\] must be a number, got null/ },
  { cls: "values: types and ranges", name: "nested arrays in y0", argv: rollout(req("nested-y0", { y0: [[0], [1]] })), match: /y0\[0\] must be a number/ },
  { cls: "values: types and ranges", name: "goal of the wrong length", argv: rollout(req("goal-len", { goal: [1] })), match: /goal has 1 entries, expected 2/ },
  { cls: "values: types and ranges", name: "dy0 of the wrong length", argv: rollout(req("dy0-len", { dy0: [1, 2, 3] })), match: /dy0 has 3 entries/ },
  { cls: "values: types and ranges", name: "too few weight rows", argv: rollout(req("w-rows", { weights: [[1, 2, 3]] })), match: /weights must have one row per dimension/ },
  { cls: "values: types and ranges", name: "a short weights row", argv: rollout(req("w-row", { weights: [[1, 2], [1, 2, 3]] })), match: /weights\[0\] has 2 entries, expected 3 \(n_basis\)/ },
  { cls: "values: types and ranges", name: "a boolean weight", argv: rollout(req("w-bool", { weights: [[1, true, 3], [1, 2, 3]] })), match: /weights\[0\]\[1\] must be a number/ },
  { cls: "values: types and ranges", name: "dmp field on 3 dimensions", argv: field(req("field-3d", { y0: [0, 0, 0], goal: [1, 1, 1], weights: undefined })), match: /1- or 2-dimensional/ },
  { cls: "values: types and ranges", name: "--method rk4", argv: rollout(req("ok-a", {}), "--method", "rk4"), match: /expected one of closed, reference/ },
  { cls: "values: types and ranges", name: "--phase -0.1", argv: field(req("ok-b", {}), "--phase", "-0.1"), match: /expected a number in \[0, 1\]/ },
  { cls: "values: types and ranges", name: "--phase NaN", argv: field(req("ok-c", {}), "--phase", "NaN"), match: /expected a number/ },
  { cls: "values: types and ranges", name: "--resolution 1", argv: field(req("ok-d", {}), "--resolution", "1"), match: /expected an integer in 2\.\.200/ },
  { cls: "values: types and ranges", name: "--resolution 1e9", argv: field(req("ok-e", {}), "--resolution", "1e9"), match: /expected an integer/ },
  { cls: "one line: usage errors", name: "rollout without --input", argv: ["dmp", "rollout", "--json"], match: /required option '--input <file>' not specified/ },
  { cls: "one line: usage errors", name: "a misspelled option (Did you mean)", argv: ["dmp", "rollout", "--input", "x.json", "--jsno"], match: /unknown option '--jsno' \(Did you mean --json\?\)/ },
  { cls: "one line: usage errors", name: "an extra argument", argv: ["dmp", "rollout", "--input", "x.json", "extra"], match: /too many arguments/ },
];

// ---- digits inspect (MAT files) ---------------------------------------------------------------
const inspect = (data: string, ...more: string[]) => ["digits", "inspect", "--data", data, "--json", ...more];
const img = Array.from({ length: 1600 }, (_, i) => i % 256);
const trj = Array.from({ length: 602 }, (_, i) => 5 + (i % 301) / 20);
const good = (fields: Record<string, Buffer>) => matFile(matStruct("Data", fields));
const sample = { imageArray: matDouble([40, 40], "", img), trajArray: matDouble([301, 2], "", trj) };
const mat = (name: string, bytes: Uint8Array) => put(`${name}.mat`, bytes);
const v73 = Buffer.concat([matHeader(0x0200), Buffer.alloc(600)]);
const matCases: Case[] = [
  { cls: "internal: deep nesting", name: "cells nested 100 000 deep", argv: inspect(mat("deep-cells", matDeep("cell", 100_000))), match: /nested more than 64 levels deep/ },
  { cls: "internal: deep nesting", name: "structs nested 100 000 deep", argv: inspect(mat("deep-structs", matDeep("struct", 100_000))), match: /nested more than 64 levels deep/ },
  { cls: "internal: deep nesting", name: "cells nested 65 deep (just past the limit)", argv: inspect(mat("deep-65", matDeep("cell", 65))), match: /nested more than 64/ },
  { cls: "internal: deep nesting", name: "compressed data inside compressed data", argv: inspect(mat("zz", matFile(matCompressed(matCompressed(good(sample)))))), match: /compressed data inside compressed data/ },
  { cls: "internal: declared sizes", name: "a 100000³ cell in a 192-byte file", argv: inspect(mat("cube-cell", matFile(matCell("Data", [100_000, 100_000, 100_000])))), match: /declares 1000000000000000 elements but only 0 bytes follow/ },
  { cls: "internal: declared sizes", name: "a 100000³ struct with one field", argv: inspect(mat("cube-struct", matFile(matStruct("Data", { a: matDouble([1, 1], "", [1]) }, [100_000, 100_000, 100_000])))), match: /struct array "Data" .* declares/ },
  { cls: "internal: declared sizes", name: "a 100000³ struct with no fields", argv: inspect(mat("cube-nofield", matFile(matStruct("Data", {}, [100_000, 100_000, 100_000])))), match: /declares 1000000000000000 elements/ },
  { cls: "internal: declared sizes", name: "a 2^31-1 cell vector", argv: inspect(mat("long-cell", matFile(matCell("Data", [1, 2 ** 31 - 1])))), match: /declares 2147483647 elements/ },
  { cls: "internal: declared sizes", name: "a double matrix declaring more values than stored", argv: inspect(mat("short-double", matFile(matMatrix(6, [1000, 1000], "x", [matTag(9, Buffer.alloc(80))])))), match: /holds 10 values but its dimensions need 1000000/ },
  { cls: "internal: declared sizes", name: "a negative dimension", argv: inspect(mat("neg-dim", matFile(matMatrix(6, [-1, 5], "x")))), match: /negative dimension/ },
  { cls: "internal: declared sizes", name: "a data element longer than the file", argv: inspect(mat("long-tag", matFile(matDouble([2, 2], "x", [1, 2, 3, 4]).subarray(0, 40)))), match: /truncated|damaged/ },
  { cls: "internal: declared sizes", name: "a matrix tag declaring 4 GiB", argv: inspect(mat("tag-4g", matFile(matMatrix(6, [1, 1], "x", [], 0xfffffff8)))), match: /truncated/ },
  { cls: "internal: declared sizes", name: "one image, then 100 000 empty samples (count × 40 × 40 before checking)", argv: inspect(mat("many-empty", matFile(matStruct("Data", { imageArray: matCell("", [1, 100_001], [matDouble([40, 40], "", img), ...Array.from({ length: 100_000 }, () => matDouble([0, 0], "", []))]), trajArray: matCell("", [1, 100_001], [matDouble([301, 2], "", trj), ...Array.from({ length: 100_000 }, () => matDouble([0, 0], "", []))]) })))), match: /imageArray of sample 2 is 0×0/ },
  { cls: "internal: declared sizes", name: "a struct field-name length of 0", argv: inspect(mat("fieldlen0", (() => { const b = good(sample); const at = b.indexOf(Buffer.from([5, 0, 4, 0, 32, 0, 0, 0])); b.writeInt32LE(0, at + 4); return b; })())), match: /malformed field names/ },
  { cls: "memory: size budget", name: "a zlib bomb: 256 MiB of zeros behind a 12.5 KiB matrix", argv: inspect(mat("bomb", matZlibBomb(4))), match: /inflates to more than the 12\.5 KiB its matrix declares/ },
  { cls: "memory: size budget", name: "a compressed element declaring 2 GiB", argv: inspect(mat("bomb-declared", matZlibBomb(1, 2 ** 31))), match: /declares 2 GiB of data, past ndp's limit of 1 GiB/ },
  { cls: "memory: size budget", name: "a 1.5 GB (sparse) MAT-file", argv: inspect(sparse("huge.mat", 1536 << 20)), match: /over ndp's limit of 1 GiB \(size budget matFileBytes\)/ },
  { cls: "memory: size budget", name: "/dev/zero as --data", argv: inspect("/dev/zero"), match: /is not a level-5 MAT-file/ },
  { cls: "memory: size budget", name: "/dev/urandom as --data", argv: inspect("/dev/urandom"), match: /is not a level-5 MAT-file|v7\.3/ },
  { cls: "files: missing, wrong kind, malformed", name: "a missing --data", argv: inspect(p("nope.mat")), match: /MAT-file .*nope\.mat does not exist/ },
  { cls: "files: missing, wrong kind, malformed", name: "a directory as --data", argv: inspect(DIR), match: /is a directory/ },
  { cls: "files: missing, wrong kind, malformed", name: "an empty MAT-file", argv: inspect(mat("empty", new Uint8Array(0))), match: /not a MAT-file \(only 0 bytes/ },
  { cls: "files: missing, wrong kind, malformed", name: "a CSV file", argv: inspect(put("csv.mat", "x,y\n".repeat(100))), match: /is not a level-5 MAT-file/ },
  { cls: "files: missing, wrong kind, malformed", name: "a v7.3 (HDF5) file", argv: inspect(mat("v73", v73)), match: /v7\.3 \(HDF5\)/ },
  { cls: "files: missing, wrong kind, malformed", name: "an unknown version", argv: inspect(mat("v9", Buffer.concat([matHeader(0x0900), matDouble([1, 1], "x", [1])]))), match: /unknown MAT-file version/ },
  { cls: "files: missing, wrong kind, malformed", name: "a truncated file", argv: inspect(mat("truncated", good(sample).subarray(0, 3000))), match: /truncated/ },
  { cls: "files: missing, wrong kind, malformed", name: "damaged zlib data", argv: inspect(mat("badzlib", (() => { const b = matFile(matCompressed(good(sample))); b.fill(0x55, 200, 260); return b; })())), match: /cannot be inflated|damaged/ },
  { cls: "files: missing, wrong kind, malformed", name: "a top-level element that is not a matrix", argv: inspect(mat("toplevel-int", matFile(matTag(5, Buffer.alloc(8))))), match: /top-level data element has type 5/ },
  { cls: "files: missing, wrong kind, malformed", name: "an unknown class code", argv: inspect(mat("class99", matFile(matMatrix(99, [1, 1], "x")))), match: /unknown class code 99/ },
  { cls: "files: missing, wrong kind, malformed", name: "no Data variable", argv: inspect(mat("nodata", matFile(matDouble([1, 1], "x", [1])))), match: /has no variable `Data`/ },
  { cls: "files: missing, wrong kind, malformed", name: "Data not a struct", argv: inspect(mat("data-double", matFile(matDouble([1, 1], "Data", [1])))), match: /`Data` is a 1×1 double array, not a struct/ },
  { cls: "files: missing, wrong kind, malformed", name: "no trajArray field", argv: inspect(mat("no-traj", good({ imageArray: sample.imageArray }))), match: /has no field `trajArray`/ },
  { cls: "values: types and ranges", name: "a 40×39 image", argv: inspect(mat("img-40x39", good({ ...sample, imageArray: matDouble([40, 39], "", img.slice(0, 1560)) }))), match: /40×39; expected a square image/ },
  { cls: "values: types and ranges", name: "a transposed trajectory", argv: inspect(mat("traj-t", good({ ...sample, trajArray: matDouble([2, 301], "", trj) }))), match: /looks transposed/ },
  { cls: "values: types and ranges", name: "NaN in a trajectory", argv: inspect(mat("traj-nan", good({ ...sample, trajArray: matDouble([301, 2], "", trj.map((v, i) => (i === 7 ? NaN : v))) }))), match: /contains NaN/ },
  { cls: "values: types and ranges", name: "Infinity in an image", argv: inspect(mat("img-inf", good({ ...sample, imageArray: matDouble([40, 40], "", img.map((v, i) => (i === 3 ? Infinity : v))) }))), match: /contains Infinity/ },
  { cls: "values: types and ranges", name: "a pixel of 1000", argv: inspect(mat("img-1000", good({ ...sample, imageArray: matDouble([40, 40], "", img.map((v, i) => (i === 0 ? 1000 : v))) }))), match: /pixel value 1000 outside 0\.\.255/ },
  { cls: "values: types and ranges", name: "a label of 12", argv: inspect(mat("label-12", good({ ...sample, labelArray: matDouble([1, 1], "", [12]) }))), match: /labels must be digit classes 0\.\.9/ },
  { cls: "values: types and ranges", name: "a char image", argv: inspect(mat("img-char", good({ ...sample, imageArray: matMatrix(4, [1, 2], "", [matTag(16, Buffer.from("ab"))]) }))), match: /expected a numeric matrix/ },
  { cls: "wrong: prototype keys", name: "a struct field named __proto__ instead of trajArray", argv: inspect(mat("proto-field", good({ imageArray: sample.imageArray, ["__proto__"]: sample.trajArray }))), match: /has no field `trajArray`/ },
];
// writeMat-made layouts (the legal container, wrong contents)
const num = (dims: number[], data: number[]) => ({ kind: "numeric" as const, class: "double" as const, logical: false, dims, data });
matCases.push({
  cls: "values: types and ranges",
  name: "images of different sizes",
  argv: inspect(mat("mixed-sizes", writeMat(new Map([["Data", { kind: "struct" as const, dims: [1, 2], fieldNames: ["imageArray", "trajArray"], elements: [{ imageArray: num([40, 40], img), trajArray: num([301, 2], trj) }, { imageArray: num([28, 28], img.slice(0, 784)), trajArray: num([301, 2], trj) }] }]])))),
  match: /sample 2 is 28×28 but sample 1 is 40×40/,
});

// ---- digits train / eval / pretrain / table2 / start / generate -----------------------------
const SHORT_TRAJ = mat("short-traj", writeMat(new Map([["Data", { kind: "struct" as const, dims: [1, 6], fieldNames: ["imageArray", "trajArray"], elements: Array.from({ length: 6 }, () => ({ imageArray: num([40, 40], img), trajArray: num([100, 2], trj.slice(0, 200)) })) }]])));
const RUN = p("run-cnn"); // a valid run directory, completed in beforeAll
const runCfg = { model: "cnn", dataSeed: 1, count: 20, trainCount: 10, epochs: 1, seed: 0, batchSize: 5, learningRate: 0.001, modelOptions: {} };
const small = ["--count", "20", "--train-count", "10", "--batch-size", "5", "--epochs", "1"];
const train = (...more: string[]) => ["digits", "train", "--model", "cnn", ...small, "--json", ...more];
/** A run directory with this config.json text and checkpoint bytes (filled in beforeAll when `ckpt` is a function). */
const runDirs: { dir: string; config: unknown; ckpt: () => Uint8Array }[] = [];
const runDir = (name: string, config: unknown, ckpt: () => Uint8Array) => {
  const dir = p(name);
  runDirs.push({ dir, config, ckpt });
  return dir;
};
let base: { header: Record<string, unknown>; data: Buffer } | undefined;
/** The valid run's checkpoint with its header changed by `edit`. */
const edited = (edit: (h: Record<string, unknown> & { tensors: Record<string, unknown>[]; meta: Record<string, unknown> }) => void, data?: (d: Buffer) => Buffer) => () => {
  const h = structuredClone(base!.header) as Record<string, unknown> & { tensors: Record<string, unknown>[]; meta: Record<string, unknown> };
  edit(h);
  return rawCheckpoint(h, data ? data(Buffer.from(base!.data)) : base!.data);
};
const validCkpt = () => rawCheckpoint(base!.header, base!.data);
const evalRun = (dir: string, ...more: string[]) => ["digits", "eval", "--checkpoint", dir, "--json", ...more];
const evalCase = (name: string, ckpt: () => Uint8Array, match: RegExp, cls: CaseClass = "internal: bad run/checkpoint files", config: unknown = runCfg): Case => ({
  cls,
  name,
  argv: evalRun(runDir(`eval-${name.replace(/[^a-z0-9]+/gi, "-")}`, config, ckpt)),
  match,
});
const resumeDir = (name: string, config: unknown, meta: Record<string, unknown>) => runDir(name, config, () => headerOnlyTrainState(meta));
const badBackbone = (name: string, header: unknown, data?: Uint8Array) => put(name, rawCheckpoint(header, data));
const backboneHeader = (tensor: Record<string, unknown>) => ({ format: "ndp-checkpoint", version: 1, kind: "digit-backbone", meta: {}, trees: { backbone: { w: { $tensor: 0 } } }, tensors: [tensor] });
const pretrainDir = (name: string, config: unknown, meta: Record<string, unknown>) => runDir(name, config, () => headerOnlyTrainState(meta));
const pretrainCfg = { epochs: 2, seed: 0, batchSize: 100, learningRate: 0.001, testCount: 2000 };
const EVAL_TYPO = p("no-such-run");
/** The history of a loop checkpoint that has done `n` iterations (train-loop.ts). */
const HIST = (n: number) => Array.from({ length: n }, (_, i) => ({ iteration: i + 1, seconds: 1, trainLoss: 1, testMse: 1 }));

const runCases: Case[] = [
  // eval: reading never creates, wrong kinds, bad config.json
  { cls: "wrong: reading creates", name: "eval --checkpoint <typo> (must not create it)", argv: evalRun(EVAL_TYPO), match: /run directory .*no-such-run does not exist/, notCreated: EVAL_TYPO },
  { cls: "wrong: reading creates", name: "eval --checkpoint <typo>/nested (must not create it)", argv: evalRun(join(EVAL_TYPO, "deeper")), match: /does not exist/, notCreated: EVAL_TYPO },
  { cls: "internal: output paths", name: "eval --checkpoint FILE", argv: evalRun(FILE), match: /is a file, not a directory/ },
  { cls: "internal: bad run/checkpoint files", name: "eval of a directory without a checkpoint", argv: evalRun(DIR), match: /checkpoint .*checkpoint\.ckpt does not exist/ },
  evalCase("config.json is null", validCkpt, /config\.json: expected a JSON object, got null/, "internal: bad run/checkpoint files", null),
  evalCase("config.json is an array", validCkpt, /expected a JSON object, got \[/, "internal: bad run/checkpoint files", [runCfg]),
  evalCase("config.json count is a string", validCkpt, /count must be an integer ≥ 2, got "20"/, "values: types and ranges", { ...runCfg, count: "20" }),
  evalCase("config.json model unknown", validCkpt, /model must be one of ndp, cnn, cnn-dmp/, "values: types and ranges", { ...runCfg, model: "rnn" }),
  evalCase("config.json has only inherited fields", validCkpt, /model must be one of/, "wrong: prototype keys", JSON.parse('{"__proto__": {"model": "cnn"}}')),
  evalCase("config.json nested 100 000 deep", validCkpt, /levels deep/, "internal: deep nesting", "DEEP"),
  evalCase("config.json a link to /dev/zero", validCkpt, /is not JSON/, "memory: size budget", "DEV_ZERO"),
  evalCase("checkpoint offset -8", edited((h) => (h.tensors[0].offset = -8)), /tensor 0 has a bad offset -8/, "wrong: checkpoint offsets"),
  evalCase("checkpoint offset 4 (unaligned)", edited((h) => (h.tensors[0].offset = 4)), /bad offset 4/, "wrong: checkpoint offsets"),
  evalCase("checkpoint offset past the end", edited((h) => (h.tensors[0].offset = 1 << 30)), /truncated or misplaced/, "wrong: checkpoint offsets"),
  evalCase("checkpoint offset 1.5", edited((h) => (h.tensors[0].offset = 1.5)), /bad offset 1\.5/, "wrong: checkpoint offsets"),
  evalCase("checkpoint tensor shape [-1, -4]", edited((h) => (h.tensors[0].shape = [-1, -(h.tensors[0].length as number) / 4])), /bad shape \[-1,-/, "internal: bad run/checkpoint files"),
  evalCase("checkpoint tensor shape with 1e20", edited((h) => (h.tensors[0].shape = [1e20])), /bad shape/, "internal: declared sizes"),
  evalCase("checkpoint tensor length lies", edited((h) => (h.tensors[0].length = 4)), /has length 4 but its shape needs/, "internal: declared sizes"),
  evalCase("checkpoint tensor dtype toString", edited((h) => (h.tensors[0].dtype = "toString")), /unknown dtype "toString"/, "wrong: prototype keys"),
  evalCase("checkpoint leaf refers to tensor -1", edited((h) => ((h.trees as { params: { backbone: { conv1: { w: unknown } } } }).params.backbone.conv1.w = { $tensor: -1 })), /refers to tensor -1/, "internal: bad run/checkpoint files"),
  evalCase("checkpoint tensor used twice", edited((h) => ((h.trees as { params: { backbone: { conv1: { b: unknown } } } }).params.backbone.conv1.b = { $tensor: 0 })), /used twice/, "internal: bad run/checkpoint files"),
  evalCase("checkpoint truncated data", () => validCkpt().subarray(0, 5000), /truncated/, "internal: bad run/checkpoint files"),
  evalCase("checkpoint NaN in a tensor", edited(() => {}, (d) => (d.writeFloatLE(NaN, 0), d)), /contains NaN/, "wrong: non-finite results"),
  evalCase("checkpoint header length 0xffffffff", () => rawCheckpoint("{}", undefined, 0xffffffff), /a header of 4294967295 bytes/, "internal: declared sizes"),
  evalCase("checkpoint header not JSON", () => rawCheckpoint("not json"), /unreadable JSON header/, "internal: bad run/checkpoint files"),
  evalCase("checkpoint header null", () => rawCheckpoint("null"), /unknown header format/, "internal: bad run/checkpoint files"),
  evalCase("checkpoint header nested 100 000 deep", () => rawCheckpoint(deep(100_000)), /unreadable JSON header/, "internal: deep nesting"),
  evalCase("checkpoint of random bytes", () => Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)), /wrong magic bytes/, "files: missing, wrong kind, malformed"),
  evalCase("checkpoint empty", () => new Uint8Array(0), /wrong magic bytes/, "files: missing, wrong kind, malformed"),
  evalCase("checkpoint of another kind", edited((h) => (h.kind = "digit-backbone")), /holds a "digit-backbone" checkpoint, not a "train-state" one/, "files: missing, wrong kind, malformed"),
  evalCase("checkpoint without a step", edited((h) => delete h.meta.step), /missing the parameters, optimizer state or step count/, "internal: bad run/checkpoint files"),
  evalCase("checkpoint meta.iteration -3", edited((h) => (h.meta.iteration = -3)), /has no iteration count and history/, "internal: bad run/checkpoint files"),
  evalCase("checkpoint meta.history a lying object", edited((h) => (h.meta.history = { length: 1 })), /has no iteration count and history/, "internal: array-likes"),
  evalCase("checkpoint meta.model missing", edited((h) => delete h.meta.model), /the model spec .* must be a JSON object, got nothing/, "internal: bad run/checkpoint files"),
  evalCase("checkpoint meta.model of an unknown kind", edited((h) => (h.meta.model = { kind: "rnn" })), /unknown model "rnn"/, "internal: bad run/checkpoint files"),
  evalCase("checkpoint meta.model with null stats", edited((h) => ((h.meta.model as Record<string, unknown>).stats = null)), /cannot rebuild/, "internal: bad run/checkpoint files"),
  evalCase("checkpoint meta null", edited((h) => (h.meta = null as never)), /header without kind, meta, trees or tensors/, "internal: bad run/checkpoint files"),
  evalCase("checkpoint parameters of the wrong shape", edited((h) => (h.tensors[0].shape = [...(h.tensors[0].shape as number[])].reverse())), /parameter .* should be float32 \[/, "internal: bad run/checkpoint files"),
  evalCase("checkpoint optimizer moments of the wrong shape", edited((h) => ((h.trees as { m: unknown }).m = {})), /optimizer moment m/, "internal: bad run/checkpoint files"),
  { cls: "files: missing, wrong kind, malformed", name: "eval --data missing", argv: evalRun(RUN, "--data", p("nope.mat")), match: /data file .*nope\.mat does not exist/ },
  { cls: "files: missing, wrong kind, malformed", name: "eval --data a directory", argv: evalRun(RUN, "--data", DIR), match: /is a directory/ },
  { cls: "memory: size budget", name: "eval --data /dev/zero", argv: evalRun(RUN, "--data", "/dev/zero"), match: /is not a level-5 MAT-file/ },
  { cls: "values: types and ranges", name: "eval --data with too few samples (no --count suggested)", argv: evalRun(RUN, "--data", mat("two-samples", good(sample))), match: /the run was trained on the first 20, so evaluate it on a file with at least 20 samples/ },
  // train: checks before data
  { cls: "internal: output paths", name: "train --out an existing file", argv: train("--out", FILE), match: /is an existing file, not a directory \(ENOTDIR\)/ },
  { cls: "hang: retry loops", name: "train --out under /proc", argv: train("--out", "/proc/ndp-hostile/run"), match: /cannot be written: nothing can be created in \/proc/ },
  { cls: "internal: output paths", name: "train --out under /sys (unwritable)", argv: train("--out", "/sys/ndp-hostile"), match: /nothing can be created in \/sys \((EACCES|EPERM)/ },
  { cls: "internal: output paths", name: "train --out under a file", argv: train("--out", join(FILE, "run")), match: /plain\.txt is a file, not a directory/ },
  { cls: "internal: output paths", name: "train into an existing run without --resume", argv: train("--out", runDir("done-run", runCfg, () => headerOnlyTrainState({ iteration: 1, history: HIST(1) }))), match: /already holds a training run; pass --resume/ },
  { cls: "wrong: resume to fewer epochs", name: "train --resume --epochs 1 on a 2-epoch run", argv: train("--resume", "--out", resumeDir("two-epochs", runCfg, { iteration: 2, history: HIST(2) })), match: /has already trained 2 epochs, more than --epochs 1; pass --epochs 2 or more/ },
  { cls: "internal: bad run/checkpoint files", name: "train --resume with meta.history not an array", argv: train("--resume", "--out", resumeDir("history-5", runCfg, { iteration: 1, history: 5 })), match: /has no iteration count and history/ },
  { cls: "internal: bad run/checkpoint files", name: "train --resume with meta.iteration a string", argv: train("--resume", "--out", resumeDir("epoch-str", runCfg, { iteration: "two", history: [] })), match: /has no iteration count and history/ },
  { cls: "internal: bad run/checkpoint files", name: "train --resume with config.json null", argv: train("--resume", "--out", resumeDir("cfg-null", null, { iteration: 0, history: [] })), match: /config\.json must be a JSON object, got null/ },
  { cls: "values: types and ranges", name: "train --resume with another seed", argv: train("--resume", "--seed", "3", "--out", resumeDir("other-seed", runCfg, { iteration: 0, history: [] })), match: /--resume: seed was 0 .* but is 3 now/ },
  { cls: "files: missing, wrong kind, malformed", name: "train --resume without --out", argv: train("--resume"), match: /--resume needs --out DIR/ },
  { cls: "wrong: reading creates", name: "train --resume --out <typo> (must not create it)", argv: train("--resume", "--out", p("typo-run")), match: /run directory .*typo-run does not exist/, notCreated: p("typo-run") },
  { cls: "files: missing, wrong kind, malformed", name: "train --resume on a directory without a checkpoint", argv: train("--resume", "--out", DIR), match: /checkpoint\.ckpt does not exist; run without --resume first/ },
  { cls: "files: missing, wrong kind, malformed", name: "train --backbone missing", argv: train("--backbone", p("nope.ckpt"), "--out", p("bb1")), match: /checkpoint .*nope\.ckpt does not exist/, notCreated: p("bb1") },
  { cls: "files: missing, wrong kind, malformed", name: "train --backbone a directory", argv: train("--backbone", DIR, "--out", p("bb2")), match: /is a directory, not a file/, notCreated: p("bb2") },
  { cls: "files: missing, wrong kind, malformed", name: "train --backbone garbage", argv: train("--backbone", FILE, "--out", p("bb3")), match: /not a valid ndp checkpoint \(wrong magic bytes\)/, notCreated: p("bb3") },
  { cls: "files: missing, wrong kind, malformed", name: "train --backbone of the wrong kind", argv: train("--backbone", put("state.ckpt", headerOnlyTrainState({})), "--out", p("bb4")), match: /holds a "train-state" checkpoint, not a "digit-backbone" one/, notCreated: p("bb4") },
  { cls: "internal: bad run/checkpoint files", name: "train --backbone with a negative-shape tensor", argv: train("--backbone", badBackbone("neg-shape.ckpt", backboneHeader({ shape: [-2, -2], dtype: "float32", offset: 0, length: 16 }), new Uint8Array(16)), "--out", p("bb5")), match: /bad shape \[-2,-2\]/, notCreated: p("bb5") },
  { cls: "wrong: checkpoint offsets", name: "train --backbone with offset -8", argv: train("--backbone", badBackbone("neg-offset.ckpt", backboneHeader({ shape: [2], dtype: "float32", offset: -8, length: 8 }), new Uint8Array(16)), "--out", p("bb6")), match: /bad offset -8/, notCreated: p("bb6") },
  { cls: "memory: size budget", name: "train --backbone /dev/zero", argv: train("--backbone", "/dev/zero", "--out", p("bb7")), match: /wrong magic bytes/, notCreated: p("bb7") },
  { cls: "memory: size budget", name: "train --data /dev/zero", argv: train("--data", "/dev/zero", "--out", p("d1")), match: /is not a level-5 MAT-file/, notCreated: p("d1") },
  { cls: "memory: size budget", name: "train --data /dev/urandom", argv: train("--data", "/dev/urandom", "--out", p("d2")), match: /MAT-file/, notCreated: p("d2") },
  { cls: "memory: size budget", name: "train --data a zlib bomb", argv: train("--data", p("bomb.mat"), "--out", p("d3")), match: /inflates to more than/, notCreated: p("d3") },
  { cls: "files: missing, wrong kind, malformed", name: "train --data missing", argv: train("--data", p("nope.mat"), "--out", p("d4")), match: /data file .* does not exist/, notCreated: p("d4") },
  { cls: "values: types and ranges", name: "train --batch-size above the training split", argv: ["digits", "train", "--model", "cnn", "--count", "20", "--train-count", "10", "--batch-size", "11", "--out", p("b1")], match: /--batch-size 11 is larger than the training split/, notCreated: p("b1") },
  ...(["ndp", "cnn-dmp"] as const).map((model): Case => ({
    cls: "one line: usage errors",
    name: `train --model ${model} on 100-point trajectories (reported before the data line)`,
    argv: ["digits", "train", "--model", model, "--data", SHORT_TRAJ, "--count", "6", "--train-count", "4", "--batch-size", "2", "--out", p(`short-${model}`)],
    match: /built for 301-point trajectories but the data has 100/,
    notCreated: p(`short-${model}`),
  })),
  { cls: "values: types and ranges", name: "train --train-count ≥ --count", argv: ["digits", "train", "--model", "cnn", "--count", "20", "--train-count", "20"], match: /--train-count \(20\) must be smaller than --count \(20\)/ },
  { cls: "internal: advertised limits", name: "train --count 1e9 (above the maximum)", argv: ["digits", "train", "--model", "cnn", "--count", "1000000000"], match: /expected an integer in 2\.\.50000/ },
  { cls: "internal: advertised limits", name: "train --batch-size 10 000 (the old maximum: the engine's 4 GiB limit)", argv: ["digits", "train", "--model", "cnn", "--batch-size", "10000"], match: /expected an integer in 1\.\.2000/ },
  { cls: "internal: advertised limits", name: "pretrain --batch-size 10 000", argv: ["digits", "pretrain", "--batch-size", "10000"], match: /expected an integer in 1\.\.2000/ },
  { cls: "values: types and ranges", name: "train --count 1", argv: ["digits", "train", "--model", "cnn", "--count", "1"], match: /expected an integer in 2\.\./ },
  { cls: "values: types and ranges", name: "train --epochs -1", argv: ["digits", "train", "--model", "cnn", "--epochs", "-1"], match: /expected an integer in 0\.\.100000/ },
  { cls: "values: types and ranges", name: "train --epochs 1.5", argv: ["digits", "train", "--model", "cnn", "--epochs", "1.5"], match: /expected an integer/ },
  { cls: "values: types and ranges", name: "train --lr 0", argv: ["digits", "train", "--model", "cnn", "--lr", "0"], match: /expected a number in \[1e-9, 10\]/ },
  { cls: "values: types and ranges", name: "train --lr Infinity", argv: ["digits", "train", "--model", "cnn", "--lr", "Infinity"], match: /expected a number/ },
  { cls: "values: types and ranges", name: "train --lr abc", argv: ["digits", "train", "--model", "cnn", "--lr", "abc"], match: /expected a number/ },
  { cls: "values: types and ranges", name: "train --model rnn", argv: ["digits", "train", "--model", "rnn"], match: /expected one of ndp, cnn, cnn-dmp/ },
  { cls: "values: types and ranges", name: "train --ndp-forcing wrong", argv: ["digits", "train", "--model", "ndp", "--ndp-forcing", "wrong"], match: /expected one of paper, scaled, orthogonal/ },
  { cls: "values: types and ranges", name: "train --seed -1", argv: ["digits", "train", "--model", "cnn", "--seed", "-1"], match: /expected an integer in 0\.\./ },
  { cls: "values: types and ranges", name: "train --seed 2^60", argv: ["digits", "train", "--model", "cnn", "--seed", "1152921504606846976"], match: /expected an integer/ },
  { cls: "values: types and ranges", name: "train --data-seed x", argv: ["digits", "train", "--model", "cnn", "--data-seed", "x"], match: /expected an integer/ },
  { cls: "one line: usage errors", name: "train without --model", argv: ["digits", "train"], match: /required option '--model <kind>' not specified/ },
  { cls: "one line: usage errors", name: "train --epoch (Did you mean --epochs)", argv: ["digits", "train", "--model", "cnn", "--epoch", "3"], match: /unknown option '--epoch' \(Did you mean --epochs\?\)/ },
  // generate
  { cls: "internal: advertised limits", name: "generate --count 10 000 000 (the old maximum)", argv: ["digits", "generate", "--count", "10000000", "--out", p("g.mat")], match: /expected an integer in 1\.\.50000/, notCreated: p("g.mat") },
  { cls: "values: types and ranges", name: "generate --count 0", argv: ["digits", "generate", "--count", "0", "--out", p("g.mat")], match: /expected an integer in 1\.\./ },
  { cls: "values: types and ranges", name: "generate --seed -2", argv: ["digits", "generate", "--seed", "-2", "--out", p("g.mat")], match: /expected an integer in 0\.\./ },
  { cls: "one line: usage errors", name: "generate without --out", argv: ["digits", "generate"], match: /required option '--out <file>'/ },
  // pretrain
  { cls: "wrong: clamped options", name: "pretrain --limit 100 000 000 (was clamped to 10 000)", argv: ["digits", "pretrain", "--limit", "100000000", "--out", p("pt1")], match: /limit 100000000 is more than the 10000 digits available/, notCreated: p("pt1") },
  { cls: "wrong: clamped options", name: "pretrain --limit 10 001", argv: ["digits", "pretrain", "--limit", "10001", "--out", p("pt2")], match: /more than the 10000 digits available/, notCreated: p("pt2") },
  { cls: "values: types and ranges", name: "pretrain --limit 1", argv: ["digits", "pretrain", "--limit", "1"], match: /expected an integer in 2\.\./ },
  { cls: "values: types and ranges", name: "pretrain --test-count 20 000", argv: ["digits", "pretrain", "--test-count", "20000", "--out", p("pt3")], match: /test count must be an integer in 1\.\.9999/, notCreated: p("pt3") },
  { cls: "values: types and ranges", name: "pretrain --batch-size bigger than the split", argv: ["digits", "pretrain", "--limit", "100", "--test-count", "50", "--batch-size", "60", "--out", p("pt4")], match: /smaller than one batch/, notCreated: p("pt4") },
  { cls: "values: types and ranges", name: "pretrain --epochs -1", argv: ["digits", "pretrain", "--epochs", "-1"], match: /expected an integer in 0\.\.10000/ },
  { cls: "files: missing, wrong kind, malformed", name: "pretrain --resume without --out", argv: ["digits", "pretrain", "--resume"], match: /--resume needs --out DIR/ },
  { cls: "wrong: reading creates", name: "pretrain --resume --out <typo> (must not create it)", argv: ["digits", "pretrain", "--resume", "--out", p("pt-typo")], match: /does not exist/, notCreated: p("pt-typo") },
  { cls: "wrong: resume to fewer epochs", name: "pretrain --resume --epochs 1 on a 2-epoch run", argv: ["digits", "pretrain", "--resume", "--epochs", "1", "--out", pretrainDir("pt-two", pretrainCfg, { iteration: 2, history: HIST(2) })], match: /has already trained 2 epochs, more than --epochs 1/ },
  { cls: "internal: bad run/checkpoint files", name: "pretrain --resume with config.json a number", argv: ["digits", "pretrain", "--resume", "--out", pretrainDir("pt-cfg", 5, { iteration: 1, history: HIST(1) })], match: /must be a JSON object, got 5/ },
  { cls: "internal: output paths", name: "pretrain into an existing run without --resume", argv: ["digits", "pretrain", "--out", pretrainDir("pt-done", pretrainCfg, { iteration: 2, history: HIST(2) })], match: /already holds a training run; pass --resume/ },
  { cls: "internal: output paths", name: "pretrain --out an existing file", argv: ["digits", "pretrain", "--out", FILE], match: /ENOTDIR/ },
  { cls: "hang: retry loops", name: "pretrain --out under /proc", argv: ["digits", "pretrain", "--out", "/proc/ndp-hostile/pt"], match: /nothing can be created in \/proc/ },
  // table2 / start
  { cls: "files: missing, wrong kind, malformed", name: "table2 --pretrained <missing file>", argv: ["digits", "table2", "--pretrained", p("nope.ckpt"), "--out", p("t2a")], match: /backbone file .*nope\.ckpt does not exist; pass --pretrained pretrain, none/, notCreated: p("t2a") },
  { cls: "files: missing, wrong kind, malformed", name: "table2 --pretrained <garbage>", argv: ["digits", "table2", "--pretrained", FILE, "--out", p("t2b")], match: /wrong magic bytes/, notCreated: p("t2b") },
  { cls: "values: types and ranges", name: "table2 --pretrain-epochs 0", argv: ["digits", "table2", "--pretrain-epochs", "0"], match: /expected an integer in 1\.\.1000/ },
  { cls: "internal: output paths", name: "table2 --out an existing file", argv: ["digits", "table2", "--pretrained", "none", "--out", FILE], match: /ENOTDIR/ },
  { cls: "wrong: resume to fewer epochs", name: "table2 re-run with fewer epochs than a finished run", argv: ["digits", "table2", "--pretrained", "none", "--epochs", "1", ...small.slice(0, 6), "--out", (() => { const t = p("t2-resume"); mkdirSync(t); runDirs.push({ dir: join(t, "ndp"), config: { ...runCfg, model: "ndp", epochs: 3, modelOptions: { forcing: "paper" } }, ckpt: () => headerOnlyTrainState({ iteration: 3, history: HIST(3) }) }); return t; })()], match: /has already trained 3 epochs, more than --epochs 1/ },
  { cls: "values: types and ranges", name: "start --epochs 0", argv: ["start", "--epochs", "0"], match: /expected an integer in 1\.\.10000/ },
  { cls: "internal: output paths", name: "start --out an existing file", argv: ["start", "--out", FILE], match: /ENOTDIR/ },
  { cls: "hang: retry loops", name: "start --out under /proc", argv: ["start", "--out", "/proc/ndp-hostile/start"], match: /nothing can be created in \/proc/ },
];

// ---- tasks, bench, the program itself --------------------------------------------------------
const otherCases: Case[] = [
  { cls: "values: types and ranges", name: "tasks run --task nope", argv: ["tasks", "run", "--task", "nope"], match: /expected one of reach, push/ },
  { cls: "values: types and ranges", name: "tasks run --episodes 0", argv: ["tasks", "run", "--task", "reach", "--episodes", "0"], match: /expected an integer in 1\.\./ },
  { cls: "values: types and ranges", name: "tasks run --episodes 1e9", argv: ["tasks", "run", "--task", "reach", "--episodes", "1e9"], match: /expected an integer/ },
  { cls: "values: types and ranges", name: "tasks run --workers 65", argv: ["tasks", "run", "--task", "reach", "--workers", "65"], match: /expected an integer in 0\.\.8/ },
  { cls: "wrong: clamped options", name: "tasks run --workers 4 --episodes 2 (was silently 2 threads)", argv: ["tasks", "run", "--task", "reach", "--workers", "4", "--episodes", "2"], match: /--workers 4 is more than the 2 environments/ },
  { cls: "values: types and ranges", name: "tasks run --policy smart", argv: ["tasks", "run", "--task", "reach", "--policy", "smart"], match: /expected one of random, expert/ },
  { cls: "values: types and ranges", name: "tasks run --seed -1", argv: ["tasks", "run", "--task", "reach", "--seed", "-1"], match: /expected an integer in 0\.\./ },
  { cls: "one line: usage errors", name: "tasks run without --task", argv: ["tasks", "run"], match: /required option '--task <name>'/ },
  { cls: "internal: advertised limits", name: "tasks demos --episodes 100 000 (above the maximum)", argv: ["tasks", "demos", "--task", "push", "--episodes", "100000", "--out", p("demos.jsonl")], match: /expected an integer in 1\.\.5000/ },
  { cls: "internal: output paths", name: "tasks demos --out a directory", argv: ["tasks", "demos", "--task", "push", "--episodes", "2", "--out", DIR], match: /is a directory \(EISDIR\)/ },
  { cls: "hang: retry loops", name: "tasks demos --out under /proc", argv: ["tasks", "demos", "--task", "push", "--episodes", "2", "--out", "/proc/ndp-hostile/d.jsonl"], match: /nothing can be created in \/proc/ },
  { cls: "internal: output paths", name: "tasks render --out a directory named x.png", argv: ["tasks", "render", "--task", "reach", "--out", (() => { const d = p("x.png"); mkdirSync(d); return d; })()], match: /is a directory \(EISDIR\)/ },
  { cls: "values: types and ranges", name: "tasks render --out x.gif", argv: ["tasks", "render", "--task", "reach", "--out", p("x.gif")], match: /--out must end in \.png or \.svg/ },
  { cls: "values: types and ranges", name: "tasks render --seed abc", argv: ["tasks", "render", "--task", "reach", "--seed", "abc", "--out", p("r.png")], match: /expected an integer/ },
  { cls: "values: types and ranges", name: "tasks check --steps 0", argv: ["tasks", "check", "--steps", "0"], match: /expected an integer in 1\.\./ },
  { cls: "values: types and ranges", name: "tasks check --task nope", argv: ["tasks", "check", "--task", "nope"], match: /expected one of/ },
  { cls: "one line: usage errors", name: "tasks list --bogus", argv: ["tasks", "list", "--bogus"], match: /unknown option '--bogus'/ },
  { cls: "one line: usage errors", name: "tasks lst (Did you mean list)", argv: ["tasks", "lst"], match: /unknown command 'lst' \(Did you mean list\?\)/ },
  { cls: "one line: usage errors", name: "bench nope", argv: ["bench", "nope"], match: /unknown command 'nope'/ },
  { cls: "one line: usage errors", name: "bench dmp --quik", argv: ["bench", "dmp", "--quik"], match: /unknown option '--quik' \(Did you mean --quick\?\)/ },
  { cls: "one line: usage errors", name: "an unknown command", argv: ["no-such-command"], match: /unknown command 'no-such-command'/ },
  { cls: "one line: usage errors", name: "digits tran (Did you mean train)", argv: ["digits", "tran"], match: /unknown command 'tran' \(Did you mean train\?\)/ },
  { cls: "one line: usage errors", name: "an unknown global option", argv: ["--verbose"], match: /unknown option '--verbose'/ },
];

// ---- rl train / eval / defaults ----------------------------------------------------------------
const rlTrain = (...more: string[]) => ["rl", "train", "--json", ...more];
const rlConfig = (name: string, value: unknown) => put(`${name}.json`, value);
const RL_TYPO = p("no-such-rl-run");
const rlRunDir = (name: string, config: unknown) => runDir(name, config, () => headerOnlyTrainState({ iteration: 0, history: [] }));
const rlCases: Case[] = [
  { cls: "files: missing, wrong kind, malformed", name: "rl train --config missing", argv: rlTrain("--config", p("nope-rl.json")), match: /config file .*nope-rl\.json does not exist/ },
  { cls: "files: missing, wrong kind, malformed", name: "rl train --config a directory", argv: rlTrain("--config", DIR), match: /is a directory/ },
  { cls: "memory: size budget", name: "rl train --config /dev/zero", argv: rlTrain("--config", "/dev/zero"), match: /is not JSON/ },
  { cls: "internal: deep nesting", name: "rl train --config nested 200 000 deep", argv: rlTrain("--config", rawJson("rl-deep", `{"task":"reach","algo":"ppo","dmp":${deep(200_000)}}`)), match: /levels deep/ },
  { cls: "values: types and ranges", name: "rl train --config null", argv: rlTrain("--config", rlConfig("rl-null", null)), match: /must be a JSON object with at least "task" and "algo"/ },
  { cls: "values: types and ranges", name: "rl train --config with an unknown task", argv: rlTrain("--config", rlConfig("rl-task", { task: "fly", algo: "ppo" })), match: /unknown task|expected one of|fly/ },
  { cls: "values: types and ranges", name: "rl train --config with a string for numEnvs", argv: rlTrain("--config", rlConfig("rl-envs-str", { task: "reach", algo: "ppo", numEnvs: "16" })), match: /numEnvs must be a finite number/ },
  { cls: "internal: array-likes", name: "rl train --config hidden as {length: 2}", argv: rlTrain("--config", rlConfig("rl-hidden", { task: "reach", algo: "ppo", hidden: { length: 2 } })), match: /hidden must be an array of numbers/ },
  { cls: "wrong: prototype keys", name: "rl train --config with __proto__", argv: rlTrain("--config", rawJson("rl-proto", `{"task":"reach","algo":"ppo","__proto__":{"seed":1}}`)), match: /unknown entry "__proto__"/ },
  { cls: "wrong: prototype keys", name: "rl train --config with constructor in dmp", argv: rlTrain("--config", rlConfig("rl-ctor", { task: "reach", algo: "ndp-ppo", dmp: { constructor: 1 } })), match: /unknown entry dmp\.constructor/ },
  { cls: "memory: size budget", name: "rl train --integration-steps 100 000 --n-basis 1 000 (was a 5 GB peak)", argv: rlTrain("--task", "reach", "--algo", "ndp-ppo", "--integration-steps", "100000", "--n-basis", "1000", "--out", p("rl-big-dmp")), match: /size budget dmpPlanValues/, notCreated: p("rl-big-dmp") },
  { cls: "internal: advertised limits", name: "rl train --envs 1024 (MuJoCo's heap holds ~512)", argv: rlTrain("--task", "reach", "--algo", "ppo", "--envs", "1024"), match: /expected an integer in 1\.\.512/ },
  { cls: "internal: advertised limits", name: "rl train --config numEnvs 4096", argv: rlTrain("--config", rlConfig("rl-4096", { task: "reach", algo: "ppo", numEnvs: 4096 }), "--out", p("rl-4096")), match: /numEnvs must be an integer in 1\.\.512/, notCreated: p("rl-4096") },
  { cls: "values: types and ranges", name: "rl train without --task", argv: rlTrain("--algo", "ppo"), match: /pass --task and --algo/ },
  { cls: "values: types and ranges", name: "rl train --algo sac", argv: rlTrain("--task", "reach", "--algo", "sac"), match: /expected one of/ },
  { cls: "values: types and ranges", name: "rl train --hidden 64,x", argv: rlTrain("--task", "reach", "--algo", "ppo", "--hidden", "64,x"), match: /--hidden expects comma-separated layer widths/ },
  { cls: "internal: output paths", name: "rl train --out an existing file", argv: rlTrain("--task", "reach", "--algo", "ppo", "--out", FILE), match: /ENOTDIR/ },
  { cls: "hang: retry loops", name: "rl train --out under /proc", argv: rlTrain("--task", "reach", "--algo", "ppo", "--out", "/proc/ndp-hostile/rl"), match: /nothing can be created in \/proc/ },
  { cls: "wrong: reading creates", name: "rl train --resume --out <typo> (must not create it)", argv: rlTrain("--task", "reach", "--algo", "ppo", "--resume", "--out", RL_TYPO), match: /run directory .* does not exist/, notCreated: RL_TYPO },
  { cls: "wrong: reading creates", name: "rl eval --run <typo> (must not create it)", argv: ["rl", "eval", "--run", RL_TYPO, "--json"], match: /run directory .* does not exist/, notCreated: RL_TYPO },
  { cls: "internal: output paths", name: "rl eval --run FILE", argv: ["rl", "eval", "--run", FILE, "--json"], match: /is a file, not a directory/ },
  { cls: "internal: bad run/checkpoint files", name: "rl eval of a run whose config.json is null", argv: ["rl", "eval", "--run", rlRunDir("rl-cfg-null", null), "--json"], match: /must be a JSON object/ },
  { cls: "internal: bad run/checkpoint files", name: "rl eval of a run whose config.json is an array", argv: ["rl", "eval", "--run", rlRunDir("rl-cfg-array", [1, 2]), "--json"], match: /must be a JSON object/ },
  { cls: "values: types and ranges", name: "rl defaults --task nope", argv: ["rl", "defaults", "--task", "nope", "--algo", "ppo"], match: /nope/ },
  { cls: "one line: usage errors", name: "rl trian (Did you mean train)", argv: ["rl", "trian"], match: /unknown command 'trian' \(Did you mean train\?\)/ },
];

// ---- sweep --------------------------------------------------------------------------------------
const sweep = (spec: string, ...more: string[]) => ["sweep", "--spec", spec, "--json", ...more];
const sweepCases: Case[] = [
  { cls: "files: missing, wrong kind, malformed", name: "sweep --spec missing", argv: sweep(p("nope.yaml")), match: /sweep spec .*nope\.yaml does not exist/ },
  { cls: "files: missing, wrong kind, malformed", name: "sweep --spec a directory", argv: sweep(DIR), match: /is a directory/ },
  { cls: "memory: size budget", name: "sweep --spec /dev/zero (read as YAML)", argv: sweep("/dev/zero"), match: /exceeds ndp's limit of 16 MiB|not valid YAML/ },
  { cls: "internal: deep nesting", name: "sweep --spec with 100 000 nested YAML brackets (aborted the process out of memory)", argv: sweep(put("deep.yaml", `name: x\nkind: rl\nbase: ${deep(100_000)}\n`)), match: /nests more than 64 \[ \] \/ \{ \} levels deep/ },
  { cls: "internal: deep nesting", name: "sweep --spec with 1 000 nested YAML brackets (overflowed the stack)", argv: sweep(put("deep-1000.yaml", `name: x\nbase: ${deep(1000, "{a: ", "}")}\n`)), match: /nests more than 64/ },
  { cls: "internal: deep nesting", name: "sweep --spec indented 100 000 columns", argv: sweep(put("indent.yaml", `a:\n${" ".repeat(100_000)}b: 1\n`)), match: /indented more than 256 columns/ },
  { cls: "internal: deep nesting", name: "sweep --spec as JSON nested 200 000 deep", argv: sweep(rawJson("deep-spec", deep(200_000))), match: /levels deep/ },
  { cls: "memory: size budget", name: "sweep --spec with a billion-laughs alias bomb", argv: sweep(put("laughs.yaml", "a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n")), match: /not valid YAML|alias/i },
  { cls: "files: missing, wrong kind, malformed", name: "sweep --spec of invalid YAML", argv: sweep(put("bad.yaml", "a: [1, 2\nb: }\n")), match: /not valid YAML/ },
  { cls: "values: types and ranges", name: "sweep --spec a YAML list", argv: sweep(put("list.yaml", "- 1\n- 2\n")), match: /must be an object/ },
  { cls: "values: types and ranges", name: "sweep --spec paper:nope", argv: sweep("paper:nope"), match: /unknown built-in spec/ },
  { cls: "internal: output paths", name: "sweep --out an existing file", argv: sweep("paper:fig5", "--quick", "--out", FILE), match: /ENOTDIR/ },
  { cls: "hang: retry loops", name: "sweep --out under /proc (mkdir looped)", argv: sweep("paper:fig5", "--quick", "--out", "/proc/ndp-hostile/sweep"), match: /nothing can be created in \/proc/ },
  { cls: "values: types and ranges", name: "sweep --parallel 0", argv: sweep("paper:fig5", "--parallel", "0"), match: /expected an integer in 1\.\.256/ },
  { cls: "one line: usage errors", name: "sweep without --spec", argv: ["sweep"], match: /required option '--spec <file>'/ },
  { cls: "hang: retry loops", name: "rl fig5 --out under /proc", argv: ["rl", "fig5", "--quick", "--out", "/proc/ndp-hostile/fig5", "--json"], match: /nothing can be created in \/proc/ },
];

const CASES = [...dmpCases, ...matCases, ...runCases, ...otherCases, ...rlCases, ...sweepCases];

beforeAll(async () => {
  await initEngine();
  // A valid (untrained) cnn run: config.json + a train-state checkpoint of the right shapes.
  const data = loadDigitData({ count: 20, trainCount: 10, seed: 1 });
  const model = createDigitModel("cnn", data.train);
  const params = initDigitParams(model, 0);
  const m = zerosLike(params);
  const v = zerosLike(params);
  const bytes = encodeCheckpoint({ kind: "train-state", meta: { iteration: 1, step: 2, model: model.spec, settings: { epochs: 1, batchSize: 5, learningRate: 0.001, seed: 0 }, history: [{ iteration: 1, seconds: 1, trainLoss: 1, testMse: 1 }] }, trees: { params, m, v } });
  disposeTree(params);
  disposeTree(m);
  disposeTree(v);
  model.dispose();
  base = splitCheckpoint(bytes);
  mkdirSync(RUN);
  writeFileSync(join(RUN, "config.json"), JSON.stringify(runCfg));
  writeFileSync(join(RUN, "checkpoint.ckpt"), bytes);
  for (const r of runDirs) {
    mkdirSync(r.dir, { recursive: true });
    if (r.config === "DEV_ZERO") symlinkSync("/dev/zero", join(r.dir, "config.json"));
    else writeFileSync(join(r.dir, "config.json"), r.config === "DEEP" ? deep(100_000) : JSON.stringify(r.config));
    writeFileSync(join(r.dir, "checkpoint.ckpt"), r.ckpt());
  }
});

afterAll(() => rmSync(D, { recursive: true, force: true }));

describe(`hostile inputs: ${CASES.length} malformed inputs end with exit code 2 and one line`, () => {
  it.each(CASES.map((c) => [`${c.cls} — ${c.name}`, c] as const))("%s", async (_label, c) => {
    const r = await runInProcess(c.argv);
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    expect({ code: r.code, lines }, r.stderr).toMatchObject({ code: 2, lines: [expect.stringMatching(/^ndp: error: /)] });
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
    if (c.match) expect(lines[0]).toMatch(c.match);
    if (c.notCreated) expect(existsSync(c.notCreated), `${c.notCreated} was created`).toBe(false);
    expect(r.ms).toBeLessThan(5000);
    expect(r.peakGrowthMb).toBeLessThan(256);
  });

  it("covers every class of the issue with at least 150 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    const seen = new Set(CASES.map((c) => c.cls));
    for (const cls of CLASSES) expect(seen.has(cls), cls).toBe(true);
    expect(new Set(CASES.map((c) => `${c.cls} — ${c.name}`)).size).toBe(CASES.length);
    expect(readFileSync(FILE, "utf8")).toBe("just a file\n");
  });
});
