import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A composer's settings as main keeps them in the data directory. */
export interface StoredComposer {
  settings?: { encoding?: string; lineEnding?: string };
  destination?: { host: string; port: string };
}

/**
 * Every session's composer settings in a web shell's settings file
 * (src-main/storage: written atomically, so it is read whole or not at all).
 * The composer saves a moment after the last keystroke: a test that reloads
 * or restarts waits for this, not for a guess at that moment.
 */
export function storedComposers(dataDir: string): StoredComposer[] {
  let text: string;
  try {
    text = readFileSync(join(dataDir, 'workbench-settings.json'), 'utf8');
  } catch {
    return [];
  }
  const file = JSON.parse(text) as { sessions?: Record<string, { composer?: StoredComposer }> };
  return Object.values(file.sessions ?? {}).flatMap((s) => (s.composer ? [s.composer] : []));
}
