export { nodeProgram } from './node';
export { pythonProgram } from './python';
export { specFromSession, type CodeHints } from './from-session';
export type {
  CodeLanguage,
  CodeSpec,
  Decoding,
  Message,
  TcpClientSpec,
  TcpServerSpec,
  TlsClientCode,
  TlsServerCode,
  UdpSpec,
} from './spec';
