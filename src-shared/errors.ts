/**
 * Error codes that reach the UI, with their plain-English text. The renderer's
 * English locale uses this same table; the Chinese locale translates each key,
 * and a unit test fails when either misses one. `{{name}}` marks a parameter.
 */
export const ERROR_MESSAGES_EN = {
  // Our own codes: input checked at the border.
  BAD_ARGS: 'The request was malformed: {{detail}}',
  BAD_PORT: 'Port must be a whole number from {{min}} to 65535.',
  BAD_ADDRESS: '"{{value}}" is not a valid IP address.',
  BAD_HOST: 'Enter a host name or an IP address.',
  BAD_HOST_NAME: '"{{value}}" is not a valid host name or IP address.',
  BAD_PAYLOAD: 'The data to send must be bytes.',
  PAYLOAD_TOO_LARGE: 'Too much data for one send: {{size}} bytes (at most {{max}}).',
  BAD_COMMAND: 'Unknown command "{{name}}".',
  NO_SESSION: 'That session no longer exists.',
  WRONG_KIND: 'This action does not apply to a {{kind}} session.',
  SESSION_CLOSED: 'The session is closed.',
  NOT_CONNECTED: 'The socket is not connected yet.',
  STILL_OPEN: 'Close the session before removing it.',
  NOT_CLOSED: 'This client is still connected or connecting; close it before connecting again.',
  HALF_CLOSED: 'You shut down the sending side (half-close): this connection can only receive now.',
  FAMILY_MISMATCH:
    'This socket is {{family}} ({{socket}}); {{host}} is an {{hostFamily}} address, which it cannot reach. Open an {{hostFamily}} socket, or use an {{family}} address such as {{example}}.',
  BAD_MULTICAST: '"{{value}}" is not a multicast group address (224.0.0.0 to 239.255.255.255, or ff00::/8).',
  NOT_BOUND: 'Bind the socket first: joining a multicast group needs a bound port.',
  NOT_MEMBER: 'This socket has not joined {{group}}.',
  BROADCAST_DISABLED:
    'Sending to the broadcast address {{address}} needs the Broadcast option (SO_BROADCAST) turned on.',
  BAD_REGEX: 'Rule {{rule}}: "{{pattern}}" is not a valid regular expression ({{detail}}).',
  BAD_RULE_HEX: 'Rule {{rule}}: "{{value}}" is not valid hex.',
  BAD_ESCAPE: 'Rule {{rule}}: "{{value}}" is not a valid escape (use \\r \\n \\t \\0 \\\\ \\xNN \\uXXXX).',
  BAD_ENCODING: '"{{value}}" is not an encoding the workbench knows.',
  UNENCODABLE: 'Rule {{rule}}: "{{char}}" cannot be written in {{encoding}}.',
  FORBIDDEN: 'Request refused: it did not come from the workbench window.',
  DISCONNECTED: 'Not connected to the workbench host; reconnecting…',
  INTERNAL: 'Something went wrong inside the workbench: {{detail}}',
  CAPTURE_ACTIVE: 'This session is already being captured to {{file}}. Stop that capture first.',
  NOT_CAPTURING: 'This session is not being captured.',
  BAD_CAPTURE_FOLDER:
    'Folder must be an absolute path (for example /home/me/captures or C:\\captures); "{{value}}" is not.',
  BAD_CAPTURE_PATH: 'The capture file must be an absolute path; "{{value}}" is not.',
  BAD_CAPTURE_SIZE: 'File size must be from {{minMiB}} MiB ({{minSize}}) to {{maxMiB}} MiB ({{maxSize}}).',
  BAD_CAPTURE_FILES: 'Keep files must be a whole number from 1 to {{max}}.',
  PERIODIC_ACTIVE: 'A periodic send is already running on this session. Stop it first.',
  NOT_PERIODIC: 'This session has no periodic send.',
  BAD_TEMPLATE: 'The message cannot be sent: {{detail}}.',
  NO_DESTINATION: 'Enter the destination address and port first.',
  FILE_READ_FAILED: 'The file {{name}} could not be read: {{detail}}',
  STORE_RECOVERED:
    'The saved settings file was damaged; it was moved aside to {{file}} and the last good copy ({{source}}) was used.',
  TOO_MANY_SAVED: 'At most {{max}} saved messages here; delete some first.',
  NO_SAVED_MESSAGE: 'That saved message no longer exists.',
  // TLS (src-main/engine/tls-*.ts): the handshake and the certificate check, told in plain words.
  TLS_CERT_EXPIRED: 'The certificate of {{subject}} expired on {{validTo}}.',
  TLS_CERT_NOT_YET_VALID: 'The certificate of {{subject}} is not valid before {{validFrom}}.',
  TLS_SELF_SIGNED:
    'The certificate of {{subject}} is self-signed: no authority this side trusts vouches for it.',
  TLS_UNKNOWN_CA:
    'The certificate of {{subject}} was issued by {{issuer}}, an authority this side does not trust.',
  TLS_HOSTNAME_MISMATCH: 'The certificate is for {{names}}, not for {{host}}.',
  TLS_VERSION: 'The two sides share no TLS version (this side allows {{min}} to {{max}}).',
  TLS_HANDSHAKE_TIMEOUT: 'The TLS handshake did not finish within {{ms}} ms: the peer sent nothing back.',
  TLS_NOT_TLS: 'The peer does not speak TLS: what it sent is not a TLS record.',
  TLS_HANDSHAKE_CLOSED: 'The peer closed the connection during the TLS handshake.',
  TLS_CERT_REQUIRED: 'The server requires a client certificate, and this side sent none.',
  TLS_BAD_CERT: 'The peer rejected the certificate this side sent ({{detail}}).',
  TLS_HANDSHAKE_FAILED: 'The TLS handshake failed: {{detail}}',
  TLS_FILE_UNREADABLE: 'The TLS file {{path}} could not be read: {{detail}}',
  TLS_BAD_CREDENTIALS: 'The TLS certificate, key or CA file is not usable: {{detail}}',
  // The command line (socket-workbench expect / run).
  NO_MATCH: 'No reply matching {{pattern}} within {{timeout}} ms; received: {{received}}.',
  PEER_CLOSED:
    'The peer closed the connection before a reply matching {{pattern}} arrived; received: {{received}}.',
  BAD_SCENARIO: 'The scenario {{file}} is not valid: {{detail}}',
  // The operating system's codes, as Node reports them.
  EADDRINUSE: 'Port {{port}} is already in use on {{address}}. Another program (or another session) has it.',
  EACCES: 'Permission denied. Ports below 1024 need administrator rights on this system.',
  EADDRNOTAVAIL: '{{address}} is not an address of this machine.',
  ECONNREFUSED: 'Connection refused: nothing is listening on {{endpoint}}.',
  ETIMEDOUT: 'Timed out: {{endpoint}} did not answer in time.',
  EHOSTUNREACH: 'No route to host {{address}}.',
  ENETUNREACH: 'The network of {{address}} is unreachable.',
  ECONNRESET: 'The peer reset the connection (RST).',
  EPIPE: 'The peer has closed the connection; the data could not be written.',
  EMSGSIZE: 'The datagram is too large ({{size}} bytes) to send in one piece.',
  ENOTFOUND: 'Host "{{host}}" was not found.',
  EAI_AGAIN: 'Could not look up "{{host}}" now (name service unavailable).',
  EINVAL: 'The operating system rejected the request as invalid.',
  EAFNOSUPPORT: 'Address family not supported: an IPv4 socket cannot use an IPv6 address, and vice versa.',
  ENOTCONN: 'The socket is not connected.',
  ECONNABORTED: 'The connection was aborted.',
  EMFILE: 'Too many open sockets: the system limit was reached.',
  EEXIST: 'The file {{path}} already exists; the workbench never overwrites a file.',
  ENOENT: 'The folder for {{path}} does not exist.',
  ENOSPC: 'The disk is full: {{path}} could not be written.',
  ENOTDIR: 'Part of {{path}} is not a folder.',
  EISDIR: '{{path}} is a folder, not a file.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES_EN;

export function isKnownErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_MESSAGES_EN, code);
}

/** Fill `{{name}}` placeholders; an unknown placeholder is left visible rather than dropped. */
export function formatMessage(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) =>
    Object.hasOwn(params, key) ? String(params[key]) : whole,
  );
}
