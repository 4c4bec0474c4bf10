import { hostPort } from '../../../../src-shared/net/endpoint-text';
import type { StepEntry } from './timeline-fold';

/** The socket options as the course's setsockopt() calls name them, for the engine's option names. */
const SOCKET_OPTIONS: Record<string, string> = {
  broadcast: 'SO_BROADCAST',
  ttl: 'IP_TTL',
  multicastTtl: 'IP_MULTICAST_TTL',
  multicastLoopback: 'IP_MULTICAST_LOOP',
  multicastInterface: 'IP_MULTICAST_IF',
  receiveBufferSize: 'SO_RCVBUF',
};

/**
 * Which locale key (and values) tells a lifecycle step. Most steps are
 * `timeline.<step>` with their detail; a few pick a variant from the detail.
 */
export function stepLabel(entry: StepEntry): { key: string; values: Record<string, string | number> } {
  const detail = entry.detail ?? {};
  switch (entry.step) {
    case 'create':
      // A UDP socket names its family: it decides which addresses the socket can reach.
      return detail.family === undefined
        ? { key: 'timeline.create', values: detail }
        : {
            key: 'timeline.create-family',
            values: { ...detail, af: detail.family === 'IPv6' ? 'AF_INET6' : 'AF_INET' },
          };
    case 'bind':
      return {
        key: detail.implicit === 1 ? 'timeline.bind-implicit' : 'timeline.bind',
        values: { ...detail, endpoint: hostPort(String(detail.address ?? ''), detail.port ?? '') },
      };
    case 'auto-reply': {
      if (detail.off === 1) return { key: 'timeline.auto-reply-off', values: detail };
      const rules = Number(detail.rules ?? 0);
      return {
        key: detail.echo === 1 ? 'timeline.auto-reply-echo' : 'timeline.auto-reply',
        values: { ...detail, count: rules },
      };
    }
    case 'option': {
      const name = String(detail.name ?? '');
      return { key: 'timeline.option', values: { ...detail, name: SOCKET_OPTIONS[name] ?? name } };
    }
    case 'reconnect':
      // "Connect again" by hand: no delay was waited for, so it is not told as the timed reconnect.
      return {
        key: detail.manual === 1 ? 'timeline.reconnect-manual' : 'timeline.reconnect',
        values: detail,
      };
    case 'peer-half-close':
      // After our own FIN the engine could not ask the kernel whether it was a FIN or a reset.
      return {
        key: detail.unverified === 1 ? 'timeline.peer-half-close-unverified' : 'timeline.peer-half-close',
        values: detail,
      };
    case 'error': {
      // A call that failed while the socket lives on: named after the call (see FAILED_CALLS).
      const call = detail.call;
      if (typeof call !== 'string') return { key: 'timeline.error', values: detail };
      const name = String(detail.name ?? '');
      return {
        key: `timeline.failed-${call}`,
        values: {
          ...detail,
          target: hostPort(String(detail.host ?? ''), detail.port ?? ''),
          name: SOCKET_OPTIONS[name] ?? name,
        },
      };
    }
    case 'refuse':
      return { key: 'timeline.refuse', values: { ...detail, count: Number(detail.limit ?? 0) } };
    default:
      return { key: `timeline.${entry.step}`, values: detail };
  }
}
