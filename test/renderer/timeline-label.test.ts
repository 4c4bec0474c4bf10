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
});
