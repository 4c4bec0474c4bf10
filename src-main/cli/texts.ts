import { zhCN } from '../../src-renderer/src/i18n/locales/zh-CN';
import type { Lang } from './io';

/**
 * The command line's own report lines, in the user's language. Words the app
 * already has (a session's states) are the app's own Chinese; the rest are
 * here, kept short, since scripts read them as often as people do.
 */
export interface CliTexts {
  pass: string;
  fail: string;
  skip: string;
  got(preview: string): string;
  /** A connect step's detail: the local end. */
  from(local: string): string;
  bytes(n: number): string;
  summary(p: { name: string; targets: number; passed: number; failed: number }): string;
  sent(p: { bytes: number; peer: string; local: string }): string;
  flood(p: {
    sent: number;
    bytes: number;
    peer: string;
    seconds: string;
    perSecond: number;
    bits: string;
    asked: number | undefined;
    errors: number;
  }): string;
  listening(p: { proto: string; at: string }): string;
  connected(peer: string): string;
  closed(peer: string): string;
}

const EN: CliTexts = {
  pass: 'PASS',
  fail: 'FAIL',
  skip: 'SKIP',
  got: (preview) => `got ${preview}`,
  from: (local) => `from ${local}`,
  bytes: (n) => `${n} B`,
  summary: ({ name, targets, passed, failed }) =>
    `${name}: ${targets} ${targets === 1 ? 'target' : 'targets'}, ${passed} passed, ${failed} failed`,
  sent: ({ bytes, peer, local }) => `sent ${bytes} B to ${peer} from ${local}`,
  flood: (p) =>
    `sent ${p.sent} messages (${p.bytes} B) to ${p.peer} in ${p.seconds} s: ${p.perSecond} msg/s, ${p.bits} ` +
    `(${p.asked === undefined ? 'as fast as possible' : `${p.asked} msg/s requested`}); errors: ${p.errors}`,
  listening: ({ proto, at }) => `listening on ${proto} ${at}`,
  connected: (peer) => `connected ${peer}`,
  closed: (peer) => `closed ${peer}`,
};

const ZH: CliTexts = {
  pass: '通过',
  fail: zhCN.state.failed,
  skip: '跳过',
  got: (preview) => `收到 ${preview}`,
  from: (local) => `本地端 ${local}`,
  bytes: (n) => `${n} 字节`,
  summary: ({ name, targets, passed, failed }) =>
    `${name}：${targets} 个目标，${passed} 个通过，${failed} 个失败`,
  sent: ({ bytes, peer, local }) => `已从 ${local} 向 ${peer} 发送 ${bytes} 字节`,
  flood: (p) =>
    `已向 ${p.peer} 发送 ${p.sent} 条消息（${p.bytes} 字节），用时 ${p.seconds} 秒：${p.perSecond} 条/秒，${p.bits}` +
    `（${p.asked === undefined ? '尽快发送' : `要求 ${p.asked} 条/秒`}）；错误：${p.errors}`,
  listening: ({ proto, at }) => `${zhCN.state.listening}：${proto} ${at}`,
  connected: (peer) => `${zhCN.state.connected}：${peer}`,
  closed: (peer) => `${zhCN.state.closed}：${peer}`,
};

export function textsFor(lang: Lang): CliTexts {
  return lang === 'zh-CN' ? ZH : EN;
}
