import { describe, expect, it } from 'vitest';
import {
  foldTimeline,
  type DataLike,
  type TimelineItem,
} from '../../src-renderer/src/features/teaching/timeline-fold';
import type { StepEntry } from '../../src-renderer/src/features/teaching/timeline-fold';
import { stepLabel } from '../../src-renderer/src/features/teaching/timeline-label';
import { en } from '../../src-renderer/src/i18n/locales/en';
import { zhCN as zh } from '../../src-renderer/src/i18n/locales/zh-CN';

/** A compact picture of the items: a step's name, a data run's direction:count/bytes, a retry's × count. */
const shape = (items: TimelineItem[]): string[] =>
  items.map((i) =>
    i.type === 'step'
      ? i.entry.step
      : i.type === 'data'
        ? `${i.dir}:${i.count}/${i.bytes}`
        : `retry×${i.count}:${i.error.code}`,
  );

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
    expect(shape(items)).toEqual(['create', 'bind', 'out:3/13', 'in:1/3', 'out:1/2', 'close']);
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
    expect(shape(items)).toEqual(['listen', 'accept', 'in:2/8', 'peer-half-close', 'close']);
    expect(items[2]).toMatchObject({ source: '127.0.0.1:6000' });
  });

  it('makes one item of a flood', () => {
    const records = Array.from({ length: 10_000 }, (_, i) => rec('in', i, 10));
    const items = foldTimeline([{ steps: [], records }]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ count: 10_000, bytes: 100_000 });
  });

  describe('reconnect attempts that fail the same way', () => {
    const refused = { code: 'ECONNREFUSED', message: 'Connection refused.' };
    const connect = { host: '127.0.0.1', port: 1 };
    /** create, then a first failure, then `n` reconnects failing with `code` (as the engine logs them). */
    const attempts = (n: number, code = 'ECONNREFUSED', t0 = 0) => {
      const steps = [
        { t: t0, step: 'create' as const },
        { t: t0 + 1, step: 'connect' as const, detail: connect },
        { t: t0 + 2, step: 'error' as const, error: refused },
        { t: t0 + 3, step: 'close' as const, detail: { reason: 'error' } },
      ];
      for (let k = 1; k <= n; k++) {
        const t = t0 + k * 10;
        steps.push(
          { t, step: 'reconnect' as const, detail: { attempt: k } } as never,
          { t: t + 1, step: 'connect' as const, detail: connect },
          { t: t + 2, step: 'error' as const, error: { ...refused, code } },
          { t: t + 3, step: 'close' as const, detail: { reason: 'error' } },
        );
      }
      return steps;
    };

    it('fold into one "× N" item after the first failure, which keeps its explanation', () => {
      const items = foldTimeline([{ steps: attempts(5), records: [] }]);
      expect(shape(items)).toEqual(['create', 'connect', 'error', 'close', 'retry×5:ECONNREFUSED']);
      expect(items[4]).toMatchObject({ t: 10, tEnd: 53, host: '127.0.0.1', port: 1 });
    });

    it('show an attempt that fails differently step by step, and fold the ones after it with it', () => {
      // One refused retry, then two that time out.
      const steps = [...attempts(1), ...attempts(2, 'ETIMEDOUT', 100).slice(4)];
      const items = foldTimeline([{ steps, records: [] }]);
      expect(shape(items)).toEqual([
        'create',
        'connect',
        'error',
        'close',
        'retry×1:ECONNREFUSED',
        'reconnect',
        'connect',
        'error',
        'close',
        'retry×1:ETIMEDOUT',
      ]);
    });

    it('never fold a reconnect that connected', () => {
      const steps = [
        ...attempts(1),
        { t: 20, step: 'reconnect' as const, detail: { attempt: 2 } },
        { t: 21, step: 'connect' as const, detail: connect },
        { t: 22, step: 'connected' as const },
      ];
      expect(shape(foldTimeline([{ steps, records: [] }]))).toEqual([
        'create',
        'connect',
        'error',
        'close',
        'retry×1:ECONNREFUSED',
        'reconnect',
        'connect',
        'connected',
      ]);
    });

    it('tell a "Connect again" by hand apart from the timed reconnect, and never fold it', () => {
      // Two timed retries, then the user's own Connect again, failing the same way, then a timed one again.
      const steps: StepEntry[] = [
        ...attempts(2),
        { t: 40, step: 'reconnect' as const, detail: { attempt: 3, manual: 1 } },
        { t: 41, step: 'connect' as const, detail: connect },
        { t: 42, step: 'error' as const, error: refused },
        { t: 43, step: 'close' as const, detail: { reason: 'error' } },
        { t: 50, step: 'reconnect' as const, detail: { attempt: 4 } },
        { t: 51, step: 'connect' as const, detail: connect },
        { t: 52, step: 'error' as const, error: refused },
        { t: 53, step: 'close' as const, detail: { reason: 'error' } },
      ];
      const items = foldTimeline([{ steps, records: [] }]);
      expect(shape(items)).toEqual([
        'create',
        'connect',
        'error',
        'close',
        'retry×2:ECONNREFUSED',
        'reconnect',
        'connect',
        'error',
        'close',
        'retry×1:ECONNREFUSED',
      ]);
      const manual = items[5];
      if (manual?.type !== 'step') throw new Error('the manual attempt is a step of its own');
      const { key } = stepLabel(manual.entry);
      expect(key).toBe('timeline.reconnect-manual');
      expect(en.timeline['reconnect-manual']).toBe('Connect again (by hand): a new socket, connect() again');
      expect(zh.timeline['reconnect-manual']).not.toMatch(/delay|等待/);
      expect(en.timeline['reconnect-manual']).not.toMatch(/delay/);
      expect(stepLabel({ t: 1, step: 'reconnect', detail: { attempt: 1 } }).key).toBe('timeline.reconnect');
    });
  });
});
