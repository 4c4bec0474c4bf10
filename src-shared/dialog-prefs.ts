import type { DialogKind, DialogPrefs } from './contract';

/**
 * What of a dialog's fields is worth remembering. A TCP client's local port
 * is not: it was picked for one connection, and offered again it repeats a
 * self-connect or fails with EADDRINUSE (the port is still in TIME_WAIT or in
 * use). Host, port and the options are kept. Applied when the fields are
 * stored and when they are read (a settings file from before this rule).
 */
export function rememberedDialogFields(kind: DialogKind, prefs: DialogPrefs): DialogPrefs {
  if (kind !== 'tcp-client') return { ...prefs };
  const { localPort: _forgotten, ...kept } = prefs;
  return kept;
}
