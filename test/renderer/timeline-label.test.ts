import { describe, expect, it } from 'vitest';
import { stepLabel } from '../../src-renderer/src/lib/timeline-label';

describe('lifecycle step labels', () => {
  it('name a socket option the way setsockopt() does, not by the app’s field name', () => {
    const label = (name: string) => stepLabel({ t: 0, step: 'option', detail: { name, value: '1' } });
    expect(label('receiveBufferSize').values.name).toBe('SO_RCVBUF');
    expect(label('broadcast').values.name).toBe('SO_BROADCAST');
    expect(label('multicastTtl').values.name).toBe('IP_MULTICAST_TTL');
    expect(label('multicastLoopback').values.name).toBe('IP_MULTICAST_LOOP');
    expect(label('ttl').values.name).toBe('IP_TTL');
    expect(label('receiveBufferSize').key).toBe('timeline.option');
  });

  it('write an IPv6 bind as [addr]:port, never :::port', () => {
    const label = stepLabel({ t: 0, step: 'bind', detail: { address: '::', port: 49851, implicit: 1 } });
    expect(label.key).toBe('timeline.bind-implicit');
    expect(label.values.endpoint).toBe('[::]:49851');
    expect(stepLabel({ t: 0, step: 'bind', detail: { address: '127.0.0.1', port: 7 } }).values.endpoint).toBe(
      '127.0.0.1:7',
    );
  });

  it('name a failed call and its destination', () => {
    const label = stepLabel({ t: 0, step: 'error', detail: { call: 'sendto', host: '::1', port: 9 } });
    expect(label.key).toBe('timeline.failed-sendto');
    expect(label.values.target).toBe('[::1]:9');
    expect(stepLabel({ t: 0, step: 'error' }).key).toBe('timeline.error');
  });
});
