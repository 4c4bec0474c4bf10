import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src-shared/contract';
import { exportFileName } from '../../src-renderer/src/features/log/export-name';

const base = {
  id: 's17',
  state: 'bound',
  createdAt: 0,
  counters: { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 },
  logSeq: 0,
} as const;
const at = new Date(2026, 11, 1, 11, 33, 3);

describe('export file names', () => {
  it('name the session as the user knows it, never its internal id', () => {
    const udp: SessionInfo = {
      ...base,
      kind: 'udp',
      local: { address: '127.0.0.1', port: 7788, family: 'IPv4' },
    };
    expect(exportFileName(udp, '', 'csv', at)).toBe('udp-127.0.0.1-7788-20261201-113303.csv');
    const client: SessionInfo = {
      ...base,
      kind: 'tcp-client',
      local: { address: '127.0.0.1', port: 50000, family: 'IPv4' },
      remote: { address: '::1', port: 502, family: 'IPv6' },
    };
    expect(exportFileName(client, '-hex', 'txt', at)).toBe('tcp-client-_1-502-20261201-113303-hex.txt');
    expect(exportFileName({ ...base, kind: 'udp' }, '', 'jsonl', at)).toBe(
      'udp-unbound-20261201-113303.jsonl',
    );
    expect(exportFileName(udp, '', 'csv', at)).not.toContain('s17');
  });
});
