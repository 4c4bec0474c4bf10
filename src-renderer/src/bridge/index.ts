import type { PreloadApi } from '../../../src-shared/contract';
import type { Bridge } from './bridge';
import { electronBridge } from './electron-client';
import { webBridge } from './web-client';

declare global {
  interface Window {
    /** Present only under Electron, put there by the preload. */
    workbench?: PreloadApi;
  }
}

export function createBridge(): Bridge {
  return window.workbench ? electronBridge(window.workbench) : webBridge(window.location);
}

export type { Bridge, ConnectionState } from './bridge';
