import { runCli } from '../../src-main/cli/main';
import type { ExitCode, Lang } from '../../src-main/cli/io';

/** The command line run in-process, its output kept line by line, so a test can wait for a line. */
export class CliRun {
  readonly out: string[] = [];
  readonly err: string[] = [];
  readonly done: Promise<ExitCode>;
  private readonly stop = new AbortController();
  private readonly waiters = new Set<() => void>();

  constructor(argv: string[], lang: Lang = 'en', cwd = process.cwd()) {
    const push = (lines: string[]) => (text: string) => {
      lines.push(...text.split('\n'));
      for (const w of [...this.waiters]) w();
    };
    this.done = runCli(argv, {
      out: push(this.out),
      err: push(this.err),
      lang,
      signal: this.stop.signal,
      cwd,
    });
    void this.done.then(() => {
      for (const w of [...this.waiters]) w();
    });
  }

  /** Wait for a line of stdout or stderr matching `re`; resolves with its match. */
  line(re: RegExp, timeoutMs = 10_000): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      let ended = false;
      void this.done.then(() => (ended = true));
      const check = (): void => {
        for (const l of [...this.out, ...this.err]) {
          const m = re.exec(l);
          if (m) return finish(() => resolve(m));
        }
        if (ended) finish(() => reject(new Error(`ended without ${re}\n${this.transcript()}`)));
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`no ${re}\n${this.transcript()}`))),
        timeoutMs,
      );
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Ctrl-C, then the exit status. */
  async interrupt(): Promise<ExitCode> {
    this.stop.abort();
    return this.done;
  }

  transcript(): string {
    return `[stdout]\n${this.out.join('\n')}\n[stderr]\n${this.err.join('\n')}`;
  }
}

/** Run to the end: exit status and output. */
export async function cli(argv: string[], lang: Lang = 'en', cwd?: string) {
  const run = new CliRun(argv, lang, cwd);
  const code = await run.done;
  return { code, out: run.out.join('\n'), err: run.err.join('\n'), run };
}
