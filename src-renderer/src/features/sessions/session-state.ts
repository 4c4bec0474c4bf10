import type { SessionState } from '../../../../src-shared/contract';

/**
 * No socket open: closed, failed, or a TCP client waiting to reconnect (as
 * main's Session.isClosed). Nothing can be sent; Remove (and "Remove closed")
 * applies, and cancels a pending reconnect.
 */
export const isClosedState = (state: SessionState): boolean =>
  state === 'closed' || state === 'failed' || state === 'reconnecting';
