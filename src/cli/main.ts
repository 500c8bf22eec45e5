/**
 * The `ndp` command. Every subcommand lives in its own file and registers itself here.
 *
 * Contract: exit code 0 on success, and for help (`--help`, `help`, or a bare `ndp` / `ndp digits`:
 * help goes to stdout); 2 for bad input, with exactly one line on stderr naming the problem and
 * the fix (commander's usage errors, its "Did you mean" hint folded into the same line, and every
 * NdpError); 1 for an internal error (a bug), with the stack only under NDP_DEBUG=1. A closed
 * stdout (`ndp tasks list | head -1`) ends the process quietly.
 */
import { Command, CommanderError, type HelpContext } from "commander";
import { NdpError } from "../errors.js";
import { registerDmp } from "./dmp.js";
import { registerBench } from "./bench.js";
import { registerDigits } from "./digits.js";
import { registerTasks } from "./tasks.js";
import { registerRl } from "./rl.js";
import { registerStart } from "./start.js";
import { registerSweep } from "./sweep.js";
import { exitQuietlyOnClosedPipe } from "./output.js";

/** commander's message as our one line: "ndp: error: ..." with any further lines joined to it. */
function oneLine(message: string): string {
  return `ndp: ${message.trim().split(/\s*\n\s*/).join(" ")}\n`;
}

/**
 * A commander Command whose help always goes to stdout with exit code 0 — also when commander
 * shows it because a group command (`ndp`, `ndp digits`) was given no subcommand, which commander
 * treats as an error (stderr, exit 1).
 */
class NdpCommand extends Command {
  override createCommand(name?: string): Command {
    return new NdpCommand(name);
  }

  override help(context?: HelpContext | ((str: string) => string)): never {
    return super.help(typeof context === "object" && context.error ? undefined : (context as HelpContext));
  }
}

export function buildProgram(): Command {
  const program = new NdpCommand("ndp")
    .description("Neural Dynamic Policies: differentiable DMP layers, imitation and reinforcement learning")
    .version("0.1.0")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: (s, write) => write(oneLine(s)) });
  registerStart(program);
  registerDmp(program);
  registerDigits(program);
  registerTasks(program);
  registerRl(program);
  registerSweep(program);
  registerBench(program);
  // Subcommands inherit exitOverride and the output settings from the command they are added to.
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
      process.stderr.write(oneLine(`error: ${e.message}`));
      return 2;
    }
    const err = e as Error;
    process.stderr.write(oneLine(`internal error: ${err?.message ?? String(e)} (this is a bug; rerun with NDP_DEBUG=1 for the stack trace and report it)`));
    if (process.env.NDP_DEBUG) process.stderr.write(`${err?.stack}\n`);
    return 1;
  }
}

/** The process entry point (bin/ndp.js): `runCli` plus process-wide handling of a closed stdout. */
export async function main(argv: string[]): Promise<number> {
  exitQuietlyOnClosedPipe();
  return runCli(argv);
}
