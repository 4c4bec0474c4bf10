import { concatBytes } from '../../src-shared/codec/pieces';
import type { Protocol } from './args';
import type { Matcher } from './matcher';

export type WaitResult =
  | { matched: true; received: Uint8Array[] }
  | { matched: false; why: 'timeout' | 'closed' | 'aborted'; received: Uint8Array[] };

/**
 * What arrived on a conversation since the last `mark()`, and the waiting for
 * a reply that matches: shared by the command line's own sockets (Link) and a
 * scenario run on one of the app's sessions. UDP matches datagram by
 * datagram; TCP matches what the stream has delivered so far, since a stream
 * has no messages.
 */
export class Inbox {
  private received: Uint8Array[] = [];
  private closed = false;
  private failure: unknown;
  private readonly wakers = new Set<() => void>();

  constructor(private readonly proto: Protocol) {}

  take(bytes: Uint8Array): void {
    this.received.push(bytes);
    this.wake();
  }

  /** The peer closed (TCP) or the session ended: a wait still pending ends as 'closed'. */
  end(): void {
    this.closed = true;
    this.wake();
  }

  fail(err: unknown): void {
    this.failure ??= err;
    this.wake();
  }

  /** The error that ended the conversation, if one did. */
  get error(): unknown {
    return this.failure;
  }

  /** Forget what arrived so far: the next wait looks only at replies to what is sent next. */
  mark(): void {
    this.received = [];
  }

  /** Everything received since the last mark, as one run of bytes. */
  get bytes(): Uint8Array {
    return concatBytes(this.received);
  }

  /** Wait until what arrived matches, the time is up, the peer closed, or the signal aborts. Rejects on a socket error. */
  waitFor(matcher: Matcher, timeoutMs: number, signal?: AbortSignal): Promise<WaitResult> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.failure) return finish(() => reject(this.failure));
        const hit =
          this.proto === 'udp'
            ? this.received.some((d) => matcher.test(d))
            : matcher.test(concatBytes(this.received));
        if (hit) return finish(() => resolve({ matched: true, received: [...this.received] }));
        if (this.closed)
          return finish(() => resolve({ matched: false, why: 'closed', received: [...this.received] }));
        if (signal?.aborted)
          return finish(() => resolve({ matched: false, why: 'aborted', received: [...this.received] }));
      };
      const timer = setTimeout(
        () => finish(() => resolve({ matched: false, why: 'timeout', received: [...this.received] })),
        timeoutMs,
      );
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.wakers.delete(check);
        signal?.removeEventListener('abort', check);
        settle();
      };
      this.wakers.add(check);
      signal?.addEventListener('abort', check);
      check();
    });
  }

  private wake(): void {
    for (const waker of [...this.wakers]) waker();
  }
}

/** What a scenario's steps need of a conversation: the command line's own socket, or an open session of the app. */
export interface Conversation {
  readonly proto: Protocol;
  /** For the connect step's report. */
  readonly local: { address: string; port: number };
  send(bytes: Uint8Array): Promise<void>;
  mark(): void;
  waitFor(matcher: Matcher, timeoutMs: number, signal?: AbortSignal): Promise<WaitResult>;
  close(): Promise<void>;
}
