import { langFromEnv } from './io';
import { runCli } from './main';

/** The process around the command line: real stdout/stderr, Ctrl-C as a clean stop. */
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());
// A reader that goes away (| head) is not an error worth a stack trace.
process.stdout.on('error', () => stop.abort());

void runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  lang: langFromEnv(process.env),
  signal: stop.signal,
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
  // Every socket of ours is closed; should anything else linger (a DNS lookup), it must not hold the shell.
  setTimeout(() => process.exit(code), 2000).unref();
});
