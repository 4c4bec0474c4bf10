import type { Endpoint } from '../contract';

/**
 * The one way an address and port are written, wherever they appear
 * (lifecycle, log, tables, headers, exports, notices, error messages):
 * `127.0.0.1:7788`, and `[::1]:7788` for IPv6, whose own colons would
 * otherwise run into the port (`:::7788`).
 */
export function hostPort(address: string, port: number | string): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** An endpoint as hostPort() writes it. */
export function endpointText(endpoint: Endpoint): string {
  return endpoint.family === 'IPv6' && !endpoint.address.includes(':')
    ? `[${endpoint.address}]:${endpoint.port}`
    : hostPort(endpoint.address, endpoint.port);
}
