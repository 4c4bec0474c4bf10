import { parseArgs } from 'node:util';

/**
 * The web shell's command line: its flags, their help text and their parsing,
 * free of side effects so unit tests can check them. scripts/start.mjs lists
 * the same flags in its own --help (a test keeps the two in step).
 */

/** Where the web shell listens unless told otherwise: the same port every run keeps a tab's address (and its storage origin). */
export const DEFAULT_WEB_PORT = 47800;
/** Ports tried after the default before the OS picks one. */
export const DEFAULT_PORT_TRIES = 10;

export const WEB_HELP = `Usage: node out/main/web.js [options]   (or: npm run web -- [options])

Serves Socket Workbench to a browser on this machine.

Options:
  --port <n>        Port to listen on (0: any free port the OS picks).
                    Default ${DEFAULT_WEB_PORT}; when it is taken, the next free one up to
                    ${DEFAULT_WEB_PORT + DEFAULT_PORT_TRIES - 1}, else one the OS picks (the shell says which).
  --host <address>  Interface to listen on. Default 127.0.0.1 (this machine only).
  --data-dir <dir>  Where saved messages, settings and the access token are kept.
                    Default $XDG_CONFIG_HOME/socket-workbench or ~/.config/socket-workbench.
  --token <text>    Access token for this run (also WORKBENCH_TOKEN). Default: the one
                    kept in <data-dir>/web-token (created on first use, mode 0600), so a
                    page left open reconnects after a restart. Delete that file for a new one.
  --open            Open the page in its own window: Chromium, Chrome or Edge in app mode
                    when installed, else the default browser (npm start and npm run web do
                    this unless given --no-open; WORKBENCH_BROWSER names another browser).
  --no-open         Do not open a window (the default when run directly).
  -h, --help        Show this help and exit.
`;

export interface WebOptions {
  host: string;
  /** Undefined: the default port, with its fallback. */
  port: number | undefined;
  token: string | undefined;
  dataDir: string | undefined;
  /** Open the page in a browser window once serving. */
  open: boolean;
}

export type ParsedCommandLine =
  { kind: 'help' } | { kind: 'run'; options: WebOptions } | { kind: 'error'; message: string };

export function parseWebArgs(args: string[]): ParsedCommandLine {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string' },
        token: { type: 'string' },
        // Saved messages and settings; tests pass a fresh temporary directory.
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        open: { type: 'boolean', default: false },
        'no-open': { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    return { kind: 'error', message: `${text.replace(/\.?$/, '.')} See --help.` };
  }
  if (values.help) return { kind: 'help' };
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (values.port.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
      return {
        kind: 'error',
        message: `--port must be a whole number from 0 to 65535 (got "${values.port}").`,
      };
    }
  }
  return {
    kind: 'run',
    options: {
      host: values.host,
      port,
      token: values.token,
      dataDir: values['data-dir'],
      open: values.open && !values['no-open'],
    },
  };
}

/** The ports to try in order: the one asked for, or the default, the next few, then any (0). */
export function candidatePorts(requested: number | undefined): number[] {
  if (requested !== undefined) return [requested];
  return [...Array.from({ length: DEFAULT_PORT_TRIES }, (_, i) => DEFAULT_WEB_PORT + i), 0];
}

/**
 * Listen on the first candidate that is free. Only "in use" moves on to the
 * next; any other failure (no such address, permission) is the answer.
 */
export async function listenOnFirstFree<T extends { port: number }>(
  ports: number[],
  listen: (port: number) => Promise<T>,
): Promise<T> {
  let lastError: unknown;
  for (const port of ports) {
    try {
      return await listen(port);
    } catch (err) {
      if ((err as { code?: string }).code !== 'EADDRINUSE') throw err;
      lastError = err;
    }
  }
  throw lastError;
}
