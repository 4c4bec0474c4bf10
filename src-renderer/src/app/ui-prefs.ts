import type { UiPrefs } from '../../../src-shared/contract';
import type { Bridge } from '../bridge';
import { savedLanguage, setLanguage, type Language } from '../i18n';
import { VIEW_CAPACITIES } from '../store/sessions-slice';
import { useStore } from '../store/store';

/**
 * The renderer's preferences (language, log view size) kept in main's
 * settings file. The browser's storage belongs to an origin, and the web
 * shell's origin changes with its port; main's file does not. localStorage
 * stays as a first-paint cache; main's answer is the authority, except for a
 * choice made after it was asked (what the user did last wins).
 */

type Key = keyof UiPrefs;

/** Changes main has not confirmed yet (sent while the link was down, or in flight). */
let unsaved: UiPrefs = {};
/** Bumped by every local choice, per preference: an answer asked for before it must not undo it. */
let changes = 0;
const changedAt: Partial<Record<Key, number>> = {};

async function flush(bridge: Bridge): Promise<void> {
  const sending = unsaved;
  if (Object.keys(sending).length === 0) return;
  const result = await bridge.api['store.setUi'](sending);
  if (!result.ok) return; // kept in `unsaved`: sent again when the link opens
  const rest: UiPrefs = { ...unsaved };
  for (const key of Object.keys(sending) as Key[])
    if (rest[key] === sending[key]) Reflect.deleteProperty(rest, key);
  unsaved = rest;
}

/** A choice the user made: applied already by the caller, remembered by main. */
export function rememberUi(bridge: Bridge, change: UiPrefs): void {
  changes += 1;
  for (const key of Object.keys(change) as Key[]) changedAt[key] = changes;
  unsaved = { ...unsaved, ...change };
  void flush(bridge);
}

export function chooseLanguage(bridge: Bridge, language: Language): void {
  setLanguage(language);
  rememberUi(bridge, { language });
}

export function chooseViewCapacity(bridge: Bridge, capacity: number): void {
  useStore.getState().setCapacity(capacity);
  rememberUi(bridge, { viewCapacity: capacity });
}

/**
 * Whenever the link opens: send what main missed, then take main's
 * preferences. A language this browser chose before main kept any (older
 * versions kept it only here) is handed to main.
 */
export async function syncUiPrefs(bridge: Bridge): Promise<void> {
  await flush(bridge);
  const asked = changes;
  const result = await bridge.api['store.getUi']({});
  if (!result.ok) return;
  const kept = result.value;
  const untouched = (key: Key): boolean => (changedAt[key] ?? 0) <= asked && !(key in unsaved);
  if (kept.language && untouched('language')) setLanguage(kept.language);
  if (
    kept.viewCapacity !== undefined &&
    untouched('viewCapacity') &&
    (VIEW_CAPACITIES as readonly number[]).includes(kept.viewCapacity) &&
    kept.viewCapacity !== useStore.getState().capacity
  ) {
    useStore.getState().setCapacity(kept.viewCapacity);
  }
  const local = savedLanguage();
  if (!kept.language && local && untouched('language')) rememberUi(bridge, { language: local });
}
