import type { SessionInfo } from '../../../../src-shared/contract';

/**
 * A TCP client connected to its own address and port. With no listener on a
 * port, connect() from that same local port makes Linux answer the SYN with
 * itself ("simultaneous open", RFC 793 §3.4): the socket is connected, to
 * itself, and everything sent comes straight back.
 */
export function isSelfConnected(info: SessionInfo): boolean {
  const { local, remote } = info;
  return (
    info.kind === 'tcp-client' &&
    !!local &&
    !!remote &&
    local.port === remote.port &&
    local.address === remote.address &&
    info.state !== 'connecting'
  );
}
