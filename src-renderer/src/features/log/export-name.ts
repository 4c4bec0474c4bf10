import type { SessionInfo } from '../../../../src-shared/contract';
import { sessionFileName } from '../../../../src-shared/session-file-name';

/** An exported log's name, e.g. `udp-127.0.0.1-7788-20261201-113303.csv`. */
export function exportFileName(info: SessionInfo, suffix: string, extension: string, now: Date): string {
  return `${sessionFileName(info, now)}${suffix}.${extension}`;
}
