import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src-shared/contract';
import { en } from '../../src-renderer/src/i18n/locales/en';
import { zhCN } from '../../src-renderer/src/i18n/locales/zh-CN';
import { closeReasonLabel } from '../../src-renderer/src/features/sessions/close-reason';

const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
});

const info = (kind: SessionInfo['kind']): SessionInfo => ({
  id: 's1',
  kind,
  state: 'closed',
  createdAt: 0,
  counters: { bytesIn: 0, bytesOut: 0, messagesIn: 0, messagesOut: 0 },
  logSeq: 0,
  closeReason: 'local-close',
});
type Steps = Parameters<typeof closeReasonLabel>[1];
const closeStep = (clients: number): Steps => [{ step: 'close', detail: { clients } }];

function text(session: SessionInfo, timeline: Steps, lng: string): string {
  const label = closeReasonLabel(session, timeline);
  if (!label) throw new Error('no close reason');
  return i18n.t(label.key, { ...label.values, lng });
}

describe.each(['en', 'zh-CN'])('how a close by the user is told (%s)', (lng) => {
  it('a UDP socket: close() releases the port; there is no FIN to send', () => {
    const said = text(info('udp'), [], lng);
    expect(said).toContain('close()');
    expect(said).not.toContain('FIN');
  });

  it('a listening server with no clients: stops listening; no FIN', () => {
    const said = text(info('tcp-server'), closeStep(0), lng);
    expect(said).toContain('close()');
    expect(said).not.toContain('FIN');
  });

  it('a server with accepted clients: the app closed them, each with its FIN, and says how many', () => {
    const said = text(info('tcp-server'), closeStep(2), lng);
    expect(said).toContain('2');
    expect(said).toContain('FIN');
  });

  it('a TCP connection closed by the user still says FIN', () => {
    expect(text(info('tcp-client'), [], lng)).toContain('FIN');
  });
});
