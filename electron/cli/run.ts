import { parseCommandLine, type ParsedCommand } from './args';
import { artifactsCommand } from './commands/artifacts';
import { demoCommand } from './commands/demo';
import { importCommand } from './commands/import';
import { jobsCommand } from './commands/jobs';
import { keysCommand } from './commands/keys';
import { packCommand } from './commands/pack';
import { pullCommand } from './commands/pull';
import { recordsCommand } from './commands/records';
import type { CommandResult } from './commands/result';
import { validateCommand } from './commands/validate';
import { verifyCommand } from './commands/verify';
import { APP, type CliHost, type CommandContext } from './context';
import { EXIT, type ExitCode } from './exit-codes';
import { commandHelp, mainHelp } from './help';
import { Output } from './output';
import { ProgressLine } from './progress';

/** Runs one command line to its exit code; every output goes through one Output, every failure through `fail`. */
export async function runCli(argv: readonly string[], host: CliHost): Promise<ExitCode> {
  // Known before parsing, so even a usage error honours --json and --debug.
  const out = new Output(host.stdout, host.stderr, { json: argv.includes('--json'), debug: argv.includes('--debug') });
  const progress = new ProgressLine((text) => out.note(text), out.progressColumns);
  try {
    const cmd = parseCommandLine(argv, host);
    if (cmd.kind === 'help') {
      out.text(cmd.topic ? commandHelp(cmd.topic) : mainHelp(host));
      return EXIT.ok;
    }
    if (cmd.kind === 'version') {
      out.text(`evidence ${APP.version}\n`);
      return EXIT.ok;
    }
    out.mode = { json: cmd.json, debug: cmd.debug };
    const result = await run(cmd, { host, out, progress });
    out.result(result.human, result.json);
    return result.exit;
  } catch (error) {
    progress.clear();
    return out.fail(error);
  }
}

function run(cmd: Exclude<ParsedCommand, { kind: 'help' | 'version' }>, ctx: CommandContext): Promise<CommandResult> {
  switch (cmd.kind) {
    case 'pull':
      return pullCommand(cmd, ctx);
    case 'import':
      return importCommand(cmd, ctx);
    case 'jobs':
      return jobsCommand(cmd, ctx);
    case 'records':
      return recordsCommand(cmd, ctx);
    case 'artifacts':
      return artifactsCommand(cmd, ctx);
    case 'validate':
      return validateCommand(cmd, ctx);
    case 'keys':
      return keysCommand(cmd, ctx);
    case 'pack':
      return packCommand(cmd, ctx);
    case 'verify':
      return verifyCommand(cmd, ctx);
    case 'demo':
      return demoCommand(cmd, ctx);
  }
}
