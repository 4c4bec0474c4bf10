import type { SessionInfo } from '../../../../src-shared/contract';

/**
 * Which locale key (and values) tells how a session closed. "Closed by you"
 * means a different thing per kind of socket: a TCP connection sends FIN, but
 * a UDP socket and a listening socket have no connection and no FIN, so
 * their close() is told as what it did (a port released, listening stopped,
 * and for a server: how many accepted clients the app closed with it).
 */
export function closeReasonLabel(
  info: SessionInfo,
  /** The session's lifecycle steps (the view's timeline), newest last. */
  timeline: readonly { step: string; detail?: Record<string, string | number> }[],
): { key: string; values: Record<string, string | number> } | undefined {
  const reason = info.closeReason;
  if (!reason) return undefined;
  if (reason === 'local-close' && info.kind === 'udp')
    return { key: 'closeReason.local-close-udp', values: {} };
  if (reason === 'local-close' && info.kind === 'tcp-server') {
    // The server's close step counts the accepted clients it closed (each with its own FIN).
    const step = [...timeline].reverse().find((e) => e.step === 'close');
    const clients = Number(step?.detail?.clients ?? 0);
    return clients > 0
      ? { key: 'closeReason.local-close-server-clients', values: { count: clients, n: clients } }
      : { key: 'closeReason.local-close-server', values: {} };
  }
  return { key: `closeReason.${reason}`, values: {} };
}
