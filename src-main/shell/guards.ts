/**
 * The Electron shell's security decisions as pure functions, free of Electron
 * at run time, so unit tests can check them without a window: which URLs are
 * ours (navigation), what window.open and permission requests get, and which
 * IPC senders may call the bridge. src-main/index.ts and ipc-adapter.ts wire
 * these to Electron's events.
 */
import type { Result } from '../../src-shared/contract';
import { ERROR_MESSAGES_EN } from '../../src-shared/errors';

export interface AppOrigin {
  /** The page main loads: the built renderer's file:// URL, or the dev server's URL. */
  appUrl: string;
  /** Set only in development (unpackaged, ELECTRON_RENDERER_URL given). */
  devUrl?: string;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Our page, and only our page. In development any path of the dev server's
 * origin (scheme, host and port compared exactly: `http://localhost:5173.evil.example`
 * is not `http://localhost:5173`); otherwise exactly the renderer's file URL,
 * whatever its query or fragment.
 */
export function isOwnUrl(url: string, origin: AppOrigin): boolean {
  if (origin.devUrl !== undefined) {
    const dev = parse(origin.devUrl);
    const target = parse(url);
    return dev !== undefined && target !== undefined && dev.origin !== 'null' && target.origin === dev.origin;
  }
  return url.split(/[?#]/)[0] === origin.appUrl;
}

/** will-navigate / will-redirect: anything but our own page is refused. */
export const navigationAllowed = isOwnUrl;

/** window.open and target=_blank: never a new window (links to the outside are not opened from the app). */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Camera, microphone, notifications, geolocation…: the workbench needs none. */
export function permissionAllowed(_permission: string): false {
  return false;
}

/** What an IPC handler knows of its caller. */
export interface IpcSender {
  /** The call came from our window's webContents. */
  fromOurWindow: boolean;
  /** …from its top frame (not an iframe). */
  fromMainFrame: boolean;
  /** The URL of the calling frame; undefined when the frame is gone. */
  frameUrl: string | undefined;
}

export function ipcSenderTrusted(sender: IpcSender, isTrustedUrl: (url: string) => boolean): boolean {
  return (
    sender.fromOurWindow &&
    sender.fromMainFrame &&
    sender.frameUrl !== undefined &&
    isTrustedUrl(sender.frameUrl)
  );
}

/** The answer to a call from anyone else. */
export const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: ERROR_MESSAGES_EN.FORBIDDEN },
};

/** One IPC command call: refused with FORBIDDEN unless the sender is trusted; the service never sees it then. */
export function ipcCall(
  sender: IpcSender,
  isTrustedUrl: (url: string) => boolean,
  service: { call(name: unknown, args: unknown): Promise<Result<unknown>> },
  name: string,
  args: unknown,
): Promise<Result<unknown>> {
  return ipcSenderTrusted(sender, isTrustedUrl) ? service.call(name, args) : Promise.resolve(FORBIDDEN);
}
