import { execFileSync } from 'node:child_process';

/**
 * A test host of our own: a network namespace joined to this one by a veth
 * pair, on a private /24 that exists only between the two. Broadcast and
 * multicast tests send there and nowhere else.
 */
export interface TestHost {
  /** The namespace's name, for `ip netns exec`. */
  name: string;
  /** Our side of the link. */
  localAddress: string;
  /** The test host's address. */
  hostAddress: string;
  /** The link's directed broadcast address. */
  broadcast: string;
  /** Prefix to run a command on the test host. */
  exec: string[];
  remove(): void;
}

const ip = (...args: string[]): void => {
  execFileSync('ip', args, { stdio: 'pipe' });
};

/** Whether this machine lets us make namespaces (root with iproute2). */
export function canMakeTestHosts(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

let made = 0;

export function makeTestHost(): TestHost {
  made += 1;
  // Unique per process and call; interface names stay under Linux's 15 characters.
  const tag = `${process.pid % 10000}${made}`;
  const name = `swt${tag}`;
  const ours = `swa${tag}`;
  const theirs = `swb${tag}`;
  const subnet = `10.${200 + (process.pid % 50)}.${made % 250}`;
  const host: TestHost = {
    name,
    localAddress: `${subnet}.1`,
    hostAddress: `${subnet}.2`,
    broadcast: `${subnet}.255`,
    exec: ['ip', 'netns', 'exec', name],
    remove() {
      try {
        ip('link', 'del', ours);
      } catch {
        // Deleting the namespace below removes the pair too.
      }
      try {
        ip('netns', 'del', name);
      } catch {
        // Already gone.
      }
    },
  };
  try {
    ip('netns', 'add', name);
    ip('link', 'add', ours, 'type', 'veth', 'peer', 'name', theirs);
    ip('link', 'set', theirs, 'netns', name);
    ip('addr', 'add', `${host.localAddress}/24`, 'dev', ours);
    ip('link', 'set', ours, 'up');
    ip('netns', 'exec', name, 'ip', 'addr', 'add', `${host.hostAddress}/24`, 'dev', theirs);
    ip('netns', 'exec', name, 'ip', 'link', 'set', theirs, 'up');
    ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
  } catch (err) {
    host.remove();
    throw err;
  }
  return host;
}
