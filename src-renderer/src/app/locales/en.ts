import { ERROR_MESSAGES_EN } from '../../../../src-shared/errors';

/** App-wide texts: the app's name, the gap between sentences, error messages and their explanations (ui/ErrorExplain). English; merged into i18n/locales/en.ts. */
export const appEn = {
  app: { name: 'Socket Workbench' },
  /** Between two sentences shown as one text: a space in English; none after Chinese 。 */
  sentenceGap: ' ',
  explain: {
    whatNext: 'What to try next:',
    EADDRINUSE: {
      what: 'Another socket already has this address and port bound (bind() or listen() failed). Only one socket at a time may own a port, unless it is shared on purpose.',
      next: 'Choose another port (or 0 to let the OS pick one), close the other session or program (the Network view lists who uses the port), or wait a minute if a server on it just closed (TIME_WAIT).',
    },
    EACCES: {
      what: 'The operating system refused: ports 0–1023 are well-known ports, and binding them needs administrator (root) rights on most systems.',
      next: 'Use a port of 1024 or above (for example 8080 instead of 80), or run with the required rights.',
    },
    EADDRNOTAVAIL: {
      what: 'The local address you asked to bind is not an address of any interface on this machine.',
      next: 'Pick one of this machine’s addresses (the Network view lists them), 0.0.0.0 for every interface, or 127.0.0.1 for loopback.',
    },
    ECONNREFUSED: {
      what: 'The other machine answered, but no program is listening on that port: the SYN was answered with RST (for UDP: an ICMP "port unreachable").',
      next: 'Start the server first, check the port number, and check that the server listens on an address you can reach (0.0.0.0, not only 127.0.0.1).',
    },
    ETIMEDOUT: {
      what: 'Nothing answered in time: the packets were probably dropped on the way (a firewall, a wrong address, a machine that is off).',
      next: 'Check the address, ping the host, check firewalls on both ends, or raise the connect timeout.',
    },
    EHOSTUNREACH: {
      what: 'No route to that host: a router or this machine found no way to deliver packets to it.',
      next: 'Check the address and this machine’s network settings (address, netmask, gateway) in the Network view.',
    },
    ENETUNREACH: {
      what: 'The whole network of that address is unreachable from here: no route and no default gateway for it.',
      next: 'Check that you are connected to a network, and that the address is in a subnet you can reach (the Network view shows yours).',
    },
    ECONNRESET: {
      what: 'The peer aborted the connection with RST instead of closing it orderly (it crashed, or closed with unread data, or SO_LINGER 0).',
      next: 'Look at the peer program: it closed or crashed. Reconnect if needed; data sent just before may be lost.',
    },
    EPIPE: {
      what: 'You wrote to a connection the peer has already closed: the data cannot be delivered (a "broken pipe").',
      next: "Stop sending once recv() returns empty (b''), or reconnect.",
    },
    EMSGSIZE: {
      what: 'The datagram is too big to send in one piece: a UDP datagram carries at most 65,507 bytes over IPv4.',
      next: 'Send less per datagram and split the data yourself, or use TCP for large data.',
    },
    ENOTFOUND: {
      what: 'The host name could not be resolved to an address (DNS lookup failed).',
      next: 'Check the spelling, try the IP address directly, or check the DNS settings.',
    },
    EAI_AGAIN: {
      what: 'The name service did not answer right now: a temporary DNS failure.',
      next: 'Try again in a moment, or use the IP address directly.',
    },
    EINVAL: {
      what: 'The operating system rejected the request as invalid for this socket in its current state. A common cause is the address family: an IPv6 socket (bound to :: or ::1) cannot send to an IPv4 address such as 127.0.0.1, and an IPv4 socket cannot use an IPv6 one.',
      next: 'Check that the socket and the address are the same family (the lifecycle’s socket() step names it), and the order of steps (for example bind before listen).',
    },
    FAMILY_MISMATCH: {
      what: 'A socket has one address family for its whole life, chosen when it is created: socket(AF_INET, …) reaches only IPv4 addresses, socket(AF_INET6, …) only IPv6 ones. The OS would answer this call with a bare EINVAL.',
      next: 'Open a new socket of the destination’s family (New UDP: bind to 0.0.0.0 or 127.0.0.1 for IPv4, :: or ::1 for IPv6; or Unbound with the address family chosen), or use an address of this socket’s family.',
    },
    EAFNOSUPPORT: {
      what: 'Address family mismatch: an IPv4 (AF_INET) socket cannot use an IPv6 address, and an IPv6 socket cannot use an IPv4 one.',
      next: 'Open the socket in the family of the address (IPv6 for ::1, IPv4 for 127.0.0.1).',
    },
    ENOTCONN: {
      what: 'The socket is not connected, so send() and recv() have no peer.',
      next: 'Connect first (TCP), or use sendto() with a destination (UDP).',
    },
    ECONNABORTED: {
      what: 'The connection was aborted on this machine before it could be used.',
      next: 'Try again; if it repeats, look at the peer and the network between.',
    },
    EMFILE: {
      what: 'This program has opened as many sockets (file descriptors) as the system allows.',
      next: 'Close sessions you no longer need, or raise the limit (ulimit -n).',
    },
    BROADCAST_DISABLED: {
      what: 'Sending to a broadcast address is off by default: the socket needs SO_BROADCAST.',
      next: 'Turn on the Broadcast option of this UDP socket (setsockopt(SOL_SOCKET, SO_BROADCAST, 1)).',
    },
    HALF_CLOSED: {
      what: 'You already called shutdown(SHUT_WR): this side sent FIN and may not send again.',
      next: 'Open a new connection to send more.',
    },
    TLS_CERT_EXPIRED: {
      what: 'The certificate’s validity period is over (its "not after" date has passed), so the check refuses it even if everything else is right. Also check this machine’s clock.',
      next: 'Renew the certificate on the server (or, for a test, turn off "Verify the certificate"); if the date looks wrong, fix the clock of this machine or of the server.',
    },
    TLS_CERT_NOT_YET_VALID: {
      what: 'The certificate’s validity starts in the future: it was made with a later "not before" date, or one of the clocks is wrong.',
      next: 'Check the clocks of both machines, or wait until the certificate becomes valid.',
    },
    TLS_SELF_SIGNED: {
      what: 'The server presented a certificate it signed itself. Nothing this side trusts vouches for it, so anyone could have made it (a test server, or someone in between).',
      next: 'If you trust this server, give its certificate as the CA file (or compare its SHA-256 fingerprint with the one the server shows), or turn off "Verify the certificate" for a test.',
    },
    TLS_UNKNOWN_CA: {
      what: 'The certificate was issued by a certificate authority (CA) that is not among those this side trusts: a company or test CA, or the server did not send the intermediate certificates.',
      next: 'Give that CA’s certificate as the CA file, or configure the server to send its full chain (leaf and intermediates).',
    },
    TLS_HOSTNAME_MISMATCH: {
      what: 'The certificate is valid, but for other names: the host (or SNI) you connected with is not among its subject alternative names (SANs).',
      next: 'Connect with a name the certificate lists (see its SANs in the session), set the SNI field to it, or get a certificate that includes this name or IP address.',
    },
    TLS_VERSION: {
      what: 'The client and the server allow no TLS version in common (for example TLS 1.3 only against TLS 1.2 only), so the handshake stops at the first message.',
      next: 'Widen the minimum and maximum version on this side, or on the server; TLS 1.2 and 1.3 are what current peers speak.',
    },
    TLS_HANDSHAKE_TIMEOUT: {
      what: 'The TCP connection is up, but the peer never answered the TLS handshake. Often it is a plain TCP server waiting for the client to speak, or the wrong port.',
      next: 'Check that this port really serves TLS (for MQTT 8883, not 1883; HTTPS 443, not 80), try a plain TCP client to see what it says, or raise the handshake timeout.',
    },
    TLS_NOT_TLS: {
      what: 'The peer answered with bytes that are not TLS: it is a plain TCP service (or another protocol) on this port, and it read the TLS handshake as garbage.',
      next: 'Use a plain TCP session for this port, or the port where the service speaks TLS.',
    },
    TLS_HANDSHAKE_CLOSED: {
      what: 'The peer closed or reset the connection before the handshake finished: it may not speak TLS, or it refused something this side offered (version, cipher, certificate, SNI).',
      next: 'Look at the peer’s log for the reason; try another version range, without ALPN, or with the server name the peer expects.',
    },
    TLS_CERT_REQUIRED: {
      what: 'The server asked for a client certificate (mutual TLS) and rejects clients that have none.',
      next: 'Give a client certificate and its key files that the server’s CA trusts.',
    },
    TLS_BAD_CERT: {
      what: 'The peer checked the certificate this side sent and refused it (unknown issuer, expired, or not meant for this use).',
      next: 'Use a certificate issued by the CA the peer trusts, with a valid date.',
    },
  },
  errors: ERROR_MESSAGES_EN,
};
