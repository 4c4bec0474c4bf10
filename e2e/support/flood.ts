import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** Run the flooding peer (e2e/peers/flood.mjs) to its end; resolves with its "SENT bytes messages" line. */
export function flood(args: string[]): Promise<{ bytes: number; messages: number; localPort: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve('e2e/peers/flood.mjs'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    // The peer ends itself within 60 s (its own bound); this only catches one that hangs.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`flood peer did not finish:\n${out}`));
    }, 75_000);
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', () => {
      clearTimeout(timer);
      const sent = /SENT (\d+) (\d+)/.exec(out);
      const local = /LOCAL \S+ (\d+)/.exec(out);
      if (!sent || !local) return fail(new Error(`flood peer failed:\n${out}`));
      done({ bytes: Number(sent[1]), messages: Number(sent[2]), localPort: Number(local[1]) });
    });
  });
}
