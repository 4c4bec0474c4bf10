import { describe, expect, it } from 'vitest';
import { foldTimeline, type DataLike } from '../../src-renderer/src/lib/timeline-fold';

const peer = { address: '127.0.0.1', port: 5000, family: 'IPv4' as const };
const rec = (dir: 'in' | 'out', t: number, n: number, port = 5000): DataLike => ({
  dir,
  t,
  peer: { ...peer, port },
  bytes: { byteLength: n },
});

describe('foldTimeline', () => {
  it('folds consecutive records in one direction into one item, between the steps around them', () => {
    const items = foldTimeline([
      {
        steps: [
          { t: 1, step: 'create' },
          { t: 2, step: 'bind' },
          { t: 100, step: 'close' },
        ],
        records: [
          rec('out', 10, 5),
          rec('out', 11, 7),
          rec('out', 12, 1),
          rec('in', 20, 3),
          rec('out', 30, 2),
        ],
      },
    ]);
    expect(items.map((i) => (i.type === 'step' ? i.entry.step : `${i.dir}:${i.count}/${i.bytes}`))).toEqual([
      'create',
      'bind',
      'out:3/13',
      'in:1/3',
      'out:1/2',
      'close',
    ]);
    expect(items[2]).toMatchObject({ t: 10, tEnd: 12, peer: '127.0.0.1:5000', peers: 1 });
  });

  it('counts peers in a run and drops the single peer label when there are several', () => {
    const [item] = foldTimeline([{ steps: [], records: [rec('in', 1, 1, 1), rec('in', 2, 1, 2)] }]);
    expect(item).toMatchObject({ type: 'data', peers: 2, count: 2 });
    expect(item && 'peer' in item ? item.peer : undefined).toBeUndefined();
  });

  it('merges a server with its clients by time and keeps each client’s runs apart', () => {
    const items = foldTimeline([
      {
        steps: [
          { t: 1, step: 'listen' },
          { t: 5, step: 'accept' },
        ],
        records: [],
      },
      {
        steps: [
          { t: 20, step: 'peer-half-close' },
          { t: 21, step: 'close' },
        ],
        records: [rec('in', 10, 4), rec('in', 11, 4)],
        source: '127.0.0.1:6000',
      },
    ]);
    expect(items.map((i) => (i.type === 'step' ? i.entry.step : `${i.dir}:${i.count}`))).toEqual([
      'listen',
      'accept',
      'in:2',
      'peer-half-close',
      'close',
    ]);
    expect(items[2]).toMatchObject({ source: '127.0.0.1:6000' });
  });

  it('makes one item of a flood', () => {
    const records = Array.from({ length: 10_000 }, (_, i) => rec('in', i, 10));
    const items = foldTimeline([{ steps: [], records }]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ count: 10_000, bytes: 100_000 });
  });
});
