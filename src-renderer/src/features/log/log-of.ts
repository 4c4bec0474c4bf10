import type { SessionInfo } from '../../../../src-shared/contract';
import type { SessionLog } from '../../store/sessions-slice';

/** A session's log with the facts that decide how it is shown: what the log feature's parts receive. */
export interface LogOf extends SessionLog {
  info: SessionInfo;
}
