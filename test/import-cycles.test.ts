// The import graph of src/ has no cycles: every relative import (type-only ones included, since a
// type cycle is a design cycle too) of every .ts file, cycles found as the strongly connected
// components of the graph (Tarjan). TypeScript's own pre-processor lists the imports.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** file → the src files it imports (relative specifiers ending in .js name the .ts file). */
function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
      const deps = importedFiles
        .filter((i) => i.fileName.startsWith("."))
        .map((i) => resolve(dirname(file), i.fileName).replace(/\.js$/, ".ts"))
        .filter((p) => known.has(p));
      return [file, deps];
    }),
  );
}

/** The strongly connected components with more than one file, or a file importing itself. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)!.includes(v)) found.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe("src/ import graph", () => {
  it("has no import cycles", () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(100);
    const graph = importGraph(files);
    expect(graph.get(join(SRC, "index.ts"))!.length).toBeGreaterThan(10); // the imports are seen
    const found = cycles(graph).map((c) => c.map((f) => relative(SRC, f)).sort().join(" ↔ "));
    expect(found).toEqual([]);
  });

  it("finds a cycle when there is one", () => {
    const graph = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]);
    expect(cycles(graph).map((c) => c.sort())).toEqual([["a", "b", "c"]]);
  });
});
