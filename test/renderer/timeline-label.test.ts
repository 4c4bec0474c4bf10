import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/src/i18n/locales/en';
import { zhCN } from '../../src-renderer/src/i18n/locales/zh-CN';
import { stepLabel } from '../../src-renderer/src/features/teaching/timeline-label';

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
});

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

  it('say the peer sent FIN only where the kernel confirmed it; after our own FIN, that Node cannot tell', () => {
    const text = (language: string, detail?: Record<string, number>) => {
      const { key, values } = stepLabel({ t: 0, step: 'peer-half-close', ...(detail ? { detail } : {}) });
      return i18n.getFixedT(language)(key, values);
    };
    expect(text('en')).toBe("recv() returned b'': the peer sent FIN");
    expect(text('zh-CN')).toBe("recv() 返回 b''：对方发送了 FIN");
    const en = text('en', { unverified: 1 });
    expect(en).toContain('FIN, or its RST');
    expect(en).toContain('Node cannot ask the kernel which');
    const zh = text('zh-CN', { unverified: 1 });
    expect(zh).toContain('也可能是数据尚未读完时对方发来的 RST');
    expect(zh).toContain('Node 无法再向内核问清是哪一种');
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
