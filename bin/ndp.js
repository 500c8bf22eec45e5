#!/usr/bin/env node
// Launcher for the `ndp` command: runs the TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli/main.ts");
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
