/**
 * The `ndp` command. Every subcommand lives in its own file and registers itself here.
 * Exit codes: 0 success, 2 bad input (one line on stderr), 1 an internal error (a bug).
 */
import { Command, CommanderError } from "commander";
import { NdpError } from "../errors.js";
import { registerDmp } from "./dmp.js";
import { registerBench } from "./bench.js";
import { registerDigits } from "./digits.js";
import { registerTasks } from "./tasks.js";
import { registerRl } from "./rl.js";
import { registerStart } from "./start.js";
import { registerSweep } from "./sweep.js";

export function buildProgram(): Command {
  const program = new Command("ndp")
    .description("Neural Dynamic Policies: differentiable DMP layers, imitation and reinforcement learning")
    .version("0.1.0")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(s.replace(/^error: /, "ndp: error: ")),
    });
  registerStart(program);
  registerDmp(program);
  registerDigits(program);
  registerTasks(program);
  registerRl(program);
  registerSweep(program);
  registerBench(program);
  // Apply the same error handling to every subcommand.
  const visit = (c: Command) => {
    c.exitOverride().configureOutput({
      outputError: (s, write) => write(s.replace(/^error: /, "ndp: error: ")),
    });
    c.commands.forEach(visit);
  };
  program.commands.forEach(visit);
  return program;
}

/** Run the CLI with `argv` (without node and script) and return the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exitCode 0; usage errors were already printed.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof NdpError) {
      process.stderr.write(`ndp: error: ${e.message}\n`);
      return 2;
    }
    const err = e as Error;
    process.stderr.write(`ndp: internal error: ${err?.message ?? String(e)}\n`);
    if (process.env.NDP_DEBUG) process.stderr.write(`${err?.stack}\n`);
    else process.stderr.write("ndp: this is a bug; rerun with NDP_DEBUG=1 for the stack trace and report it\n");
    return 1;
  }
}
