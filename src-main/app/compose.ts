import { CaptureRegistry } from '../capture/registry';
import { Engine, type EngineOptions } from '../engine/engine';
import { createService, type Service, type ServiceInfo } from '../service/service';
import { SelfSignedStore } from '../storage/self-signed';
import { SettingsStore } from '../storage/settings-store';
import { UdpDropWatcher } from '../system/udp-drops';

/**
 * The composition root: the one place that knows every floor of main and
 * plugs them together. The engine declares what it needs (engine/needs.ts);
 * capture/ and system/ provide it here; the service gets the engine and the
 * store. Both shells (src-main/index.ts, src-main/shell/web-main.ts) and the
 * tests start from these functions, so they cannot be assembled differently.
 */

/** An engine with capture to file and the kernel's UDP drop counts plugged in. */
export function createEngine(options: Omit<EngineOptions, 'captures' | 'udpDrops'> = {}): Engine {
  return new Engine({
    ...options,
    captures: (changed) => new CaptureRegistry(changed),
    udpDrops: new UdpDropWatcher(),
  });
}

export interface App {
  engine: Engine;
  service: Service;
}

/** The whole of main behind a shell: the engine, and the service that runs commands on it. */
export function composeApp(
  info: ServiceInfo,
  /** Where settings and saved messages live; without one they live in memory only (tests). */
  dataDir?: string,
): App {
  // A TLS server given no certificate uses one made once and kept beside the settings.
  const engine = createEngine(dataDir ? { selfSigned: new SelfSignedStore(dataDir) } : {});
  const service = createService(engine, info, new SettingsStore(dataDir));
  return { engine, service };
}
