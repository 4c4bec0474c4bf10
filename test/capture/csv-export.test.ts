import { describe, expect, it } from 'vitest';
import { CSV_HEADER, exportParts } from '../../src-shared/capture/formats';
import type { DataRecord } from '../../src-shared/contract';

const peer = { address: '127.0.0.1', port: 4001, family: 'IPv4' as const };

function csvOf(payloads: Uint8Array[]): string {
  const entries = payloads.map((bytes, i) => ({
    record: { dir: 'in', t: 1_700_000_000_000_000 + i, peer, bytes } satisfies DataRecord,
    seq: i + 1,
  }));
  return exportParts({
    format: 'csv',
    kind: 'udp',
    sessionId: 's1',
    local: undefined,
    encoding: 'utf-8',
    entries,
  }).join('');
}

describe('CSV export', () => {
  it('starts with a UTF-8 byte-order mark, so Excel reads Chinese text as UTF-8', () => {
    const csv = csvOf([new TextEncoder().encode('温度')]);
    expect(csv.startsWith(`\uFEFF${CSV_HEADER}`)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv).toContain(',e6b8a9e5baa6,温度\n');
  });

  it('shows control characters in the text column as the log does; the hex column keeps the exact bytes', () => {
    const csv = csvOf([
      new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x00, 0xff]),
      new TextEncoder().encode('a\r\nb\t'),
    ]);
    // Nothing below U+0020 is left in the file except the line ends between records.
    // eslint-disable-next-line no-control-regex
    expect(csv.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f]/);
    const [, first, second] = csv.trimEnd().split('\n');
    expect(first).toMatch(/,6,deadbeef00ff,[^,]*\u2400\uFFFD$/);
    expect(second).toMatch(/,5,610d0a6209,a\u240d\u240ab\u2409$/);
  });
});
