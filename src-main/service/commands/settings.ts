import { z } from 'zod';
import type { CommandName } from '../../../src-shared/contract';
import {
  composerPrefs,
  dialogKind,
  dialogPrefs,
  MAX_INPUT,
  messageName,
  payloadSettings,
  storeKey,
  uiPrefs,
} from '../../storage/schema';
import { none } from '../schemas';
import type { CommandTable } from './table';

export type SettingsCommand = Extract<CommandName, 'app.info' | `store.${string}`>;

/** The app itself, and what it remembers: saved messages, composer, dialog and UI preferences. */
export const settingsCommands: CommandTable<SettingsCommand> = {
  'app.info': {
    schema: none,
    handler: (_a, { engine, info, instance }) => ({
      shell: info.shell,
      version: info.version,
      platform: process.platform,
      instance,
      sessions: engine.list(),
    }),
  },
  'store.get': { schema: z.object({ key: storeKey }).strict(), handler: (a, { store }) => store.view(a.key) },
  'store.saveMessage': {
    schema: z
      .object({
        key: storeKey,
        scope: z.enum(['session', 'shared']),
        message: z
          .object({
            id: z.string().min(1).max(64).optional(),
            name: messageName,
            input: z.string().max(MAX_INPUT),
            settings: payloadSettings,
          })
          .strict(),
      })
      .strict(),
    handler: (a, { store }) => store.saveMessage(a),
  },
  'store.deleteMessage': {
    schema: z
      .object({ key: storeKey, scope: z.enum(['session', 'shared']), id: z.string().min(1).max(64) })
      .strict(),
    handler: (a, { store }) => store.deleteMessage(a),
  },
  'store.setComposer': {
    schema: z.object({ key: storeKey, composer: composerPrefs }).strict(),
    handler: (a, { store }) => store.setComposer(a),
  },
  'store.getDialog': {
    schema: z.object({ kind: dialogKind }).strict(),
    handler: (a, { store }) => store.dialog(a.kind),
  },
  'store.setDialog': {
    schema: z.object({ kind: dialogKind, prefs: dialogPrefs }).strict(),
    handler: (a, { store }) => store.setDialog(a),
  },
  'store.getUi': { schema: none, handler: (_a, { store }) => store.ui() },
  'store.setUi': { schema: uiPrefs, handler: (a, { store }) => store.setUi(a) },
};
