import { expect } from './commands/expect';
import { flood } from './commands/flood';
import { listen } from './commands/listen';
import { run } from './commands/run';
import { send } from './commands/send';
import { HELP } from './help';
import { HELP_ZH } from './help-zh';
import { errorOf, EXIT, exitOf, usage, type CliIo, type ExitCode, type Lang } from './io';

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<ExitCode>> = {
  send,
  listen,
  expect,
  flood,
  run,
};

/** --lang anywhere on the line overrides the environment's locale. */
function takeLang(argv: string[], lang: Lang): { argv: string[]; lang: Lang } {
  const rest: string[] = [];
  let chosen = lang;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const value = arg === '--lang' ? argv[++i] : arg.startsWith('--lang=') ? arg.slice(7) : undefined;
    if (value === undefined) rest.push(arg);
    else chosen = /^zh/i.test(value) ? 'zh-CN' : 'en';
  }
  return { argv: rest, lang: chosen };
}

/**
 * The whole command line, testable in-process: argv without "node script",
 * output through `io`. Returns the exit status; never throws.
 */
export async function runCli(rawArgv: string[], baseIo: CliIo): Promise<ExitCode> {
  const { argv, lang } = takeLang(rawArgv, baseIo.lang);
  const io = { ...baseIo, lang };
  const [name, ...rest] = argv;
  const help = lang === 'zh-CN' ? HELP_ZH : HELP;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.out(help[rest[0] ?? 'main'] ?? help.main ?? '');
      return name === undefined ? EXIT.USAGE : EXIT.OK;
    }
    if (name === '--version' || name === '-v') {
      io.out('socket-workbench 0.1.0');
      return EXIT.OK;
    }
    const command = COMMANDS[name];
    if (!command) throw usage(`unknown command "${name}" (send, listen, expect, flood, run; see --help)`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(help[name] ?? '');
      return EXIT.OK;
    }
    return await command(rest, io);
  } catch (err) {
    const { code, message } = errorOf(err, lang);
    io.err(`error ${code}: ${message}`);
    return exitOf(err);
  }
}
