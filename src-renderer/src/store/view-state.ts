import type { EncodingId } from '../../../src-shared/codec/encodings';
import type { PayloadOptions } from '../../../src-shared/codec/payload';
import type { BridgeError, ScenarioRunResult, SessionInfo } from '../../../src-shared/contract';

/** A log shown as text in an encoding, or as hex. */
export type ViewMode = EncodingId | 'hex';
/** What a log shows before anyone picks: UTF-8 text. The Code tab's decode() follows the same. */
export const DEFAULT_VIEW_MODE: ViewMode = 'utf-8';

/** Which entries a log shows: everything, or one peer's and/or one direction's. */
export interface LogFilter {
  /** `ip:port` as formatEndpoint() writes it. */
  peer?: string;
  dir?: 'in' | 'out';
}

/** How a log lays out its entries: one line each, or a hex dump of each. */
export type LogLayout = 'rows' | 'dump';

/** The log's text / hex search and whether the view is paused. */
export interface LogSearch {
  /** Matches the bytes decoded in the view's encoding, ignoring case. */
  text: string;
  /** Matches a byte sequence, typed as hex (`0d 0a`, `0x7E`…). */
  hex: string;
  /** While paused, the view shows entries up to this sequence number; the ring keeps filling. */
  pausedAt?: number;
}

export type FramingChoice = 'chunks' | 'lf' | 'crlf' | 'byte' | 'idle' | 'fixed';

/** TCP stream logs: chunks as read, or grouped into messages (features/log/framing.ts). */
export interface FramingSetting {
  choice: FramingChoice;
  /** The delimiter for 'byte', in hex as typed (`03`, `0x7e`, `0D 0A`). */
  byteHex: string;
  gapMs: string;
  length: string;
}

export const DEFAULT_FRAMING: FramingSetting = { choice: 'chunks', byteHex: '03', gapMs: '100', length: '8' };

/** How the send box turns what was typed into bytes. */
export type ComposeSettings = PayloadOptions;

export const DEFAULT_COMPOSE_SETTINGS: ComposeSettings = {
  mode: 'text',
  encoding: 'utf-8',
  lineEnding: 'none',
  escapes: false,
  variables: false,
  checksum: 'none',
};

export type SessionTab = 'log' | 'chat' | 'timeline' | 'code' | 'scenario';

/** The Scenario tab (features/scenario): the file as loaded or typed, and the last run's outcome. */
export interface ScenarioState {
  text: string;
  format: 'yaml' | 'json';
  fileName?: string;
  /** UDP: where sends go, as typed; unset until touched (the composer's destination shows). */
  host?: string;
  port?: string;
  /** The run in flight, by token: an older run's answer never replaces a newer one's. */
  running?: number;
  result?: ScenarioRunResult;
  error?: BridgeError;
}

/** What the user typed into a session's boxes: kept when switching sessions and across a reload. */
export interface Drafts {
  /** The send box. */
  input: string;
  /** The chat line (UDP). */
  chatLine: string;
  /** UDP destination as typed. */
  destination?: { host: string; port: string };
  /** Repeat: interval in ms and count, as typed. */
  repeatInterval: string;
  repeatCount: string;
}

export const EMPTY_DRAFTS: Drafts = { input: '', chatLine: '', repeatInterval: '1000', repeatCount: '10' };

/**
 * Everything this window shows of one session besides main's facts: created
 * when the session appears, removed with it, kept while the user looks at
 * another session. One record, so nothing per session outlives its session.
 */
export interface SessionViewState {
  tab: SessionTab;
  /**
   * The session's one encoding: the log view, the composer, the chat, auto-reply's
   * replies, framed text and the Code tab follow it unless set on their own.
   */
  encoding: EncodingId;
  /** The log shown in another encoding or as hex: an override of `encoding`. */
  viewMode?: ViewMode;
  logFilter: LogFilter;
  framing: FramingSetting;
  search: LogSearch;
  layout: LogLayout;
  hideTime: boolean;
  /** The log entry (by seq) open in the byte inspector. */
  inspecting?: number;
  follow: boolean;
  /** The selected log row (by seq), or framed message (by id). */
  selectedSeq?: number;
  selectedFrame?: string;
  drafts: Drafts;
  /** The composer's settings; their `encoding` is the session's unless `composeEncoding` overrides it. */
  compose: ComposeSettings;
  composeEncoding?: EncodingId;
  /** The stored key the composer's settings were last filled from (once per key). */
  composeRestoredFrom?: string;
  /** The chat in another encoding than the session's. */
  chatEncoding?: EncodingId;
  /** The part of the chat line that failed sends put back (features/chat/line-draft.ts). */
  chatPutBack: string;
  scenario?: ScenarioState;
}

export function newViewState(drafts?: Partial<Drafts>, encoding: EncodingId = 'utf-8'): SessionViewState {
  return {
    tab: 'log',
    encoding,
    logFilter: {},
    framing: DEFAULT_FRAMING,
    search: { text: '', hex: '' },
    layout: 'rows',
    hideTime: false,
    follow: true,
    drafts: { ...EMPTY_DRAFTS, ...drafts },
    compose: { ...DEFAULT_COMPOSE_SETTINGS, encoding },
    chatPutBack: '',
  };
}

/** What each part of a session's view shows in: its own choice, else the session's encoding. */
export const logViewMode = (v: SessionViewState): ViewMode => v.viewMode ?? v.encoding;
export const composeSettingsOf = (v: SessionViewState): ComposeSettings => ({
  ...v.compose,
  encoding: v.composeEncoding ?? v.encoding,
});
export const chatEncodingOf = (v: SessionViewState): EncodingId => v.chatEncoding ?? v.encoding;

/**
 * The encoding a new session starts in until the user picks one: what the
 * user reads. A Chinese UI means the course's Python peers print and decode
 * GBK (Windows' default in China); an English one, UTF-8.
 */
export function languageEncoding(language: string | undefined): EncodingId {
  return language?.toLowerCase().startsWith('zh') ? 'gbk' : 'utf-8';
}

/**
 * The key a session's remembered things are kept under: its kind and
 * address, because after a restart (or a reload of a web shell that was
 * restarted) the same socket is a new session with a new id. Accepted clients
 * share their server's address (their own port changes with every connection).
 */
export function storeKeyOf(info: SessionInfo): string {
  const at = (e: SessionInfo['local']): string => (e ? `${e.address}:${e.port}` : '');
  switch (info.kind) {
    case 'udp':
      return `udp ${at(info.local) || 'unbound'}`;
    case 'tcp-client':
      return `tcp-client ${at(info.remote) || 'unconnected'}`;
    case 'tcp-server':
    case 'tcp-conn':
      return `tcp-server ${at(info.local)}`;
  }
}
