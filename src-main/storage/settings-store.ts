import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { rememberedDialogFields } from '../../src-shared/dialog-prefs';
import type {
  BridgeError,
  ComposerPrefs,
  DialogKind,
  DialogPrefs,
  SetDialogArgs,
  DeleteMessageArgs,
  SaveMessageArgs,
  SavedMessage,
  SetComposerArgs,
  StoredView,
  UiPrefs,
} from '../../src-shared/contract';
import { ERROR_MESSAGES_EN, formatMessage } from '../../src-shared/errors';
import { EngineError } from '../errors/engine-error';
import { readJsonFile, writeFileAtomic } from './atomic-file';
import { MAX_KEYS, MAX_MESSAGES, storeFile, type StoreFile } from './schema';

export const STORE_FILE_NAME = 'workbench-settings.json';

const empty = (): StoreFile => ({ version: 1, shared: [], sessions: {} });

/**
 * Saved messages and per-session composer settings, in one JSON file in the
 * data directory (Electron: userData; web shell: --data-dir). Every change is
 * written atomically before the command returns; writes are serialised, so
 * the file on disk is always the last completed change. Pure Node.
 * Without a directory (unit tests of other parts) it keeps everything in memory.
 */
export class SettingsStore {
  private data: StoreFile = empty();
  private loaded: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Reported once, to the first view asked for after a damaged file was recovered from. */
  private notice: BridgeError | undefined;
  readonly file: string | undefined;

  constructor(directory?: string) {
    this.file = directory ? join(directory, STORE_FILE_NAME) : undefined;
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      if (!this.file) return;
      const outcome = await readJsonFile(this.file, storeFile);
      if (outcome.source !== 'none') this.data = outcome.value;
      if (outcome.movedAside) {
        const params = { file: outcome.movedAside, source: outcome.source === 'backup' ? '.bak' : 'none' };
        this.notice = {
          code: 'STORE_RECOVERED',
          message: formatMessage(ERROR_MESSAGES_EN.STORE_RECOVERED, params),
          params,
        };
      }
    })();
    return this.loaded;
  }

  async view(key: string): Promise<StoredView> {
    await this.load();
    const entry = this.data.sessions[key];
    const view: StoredView = {
      key,
      shared: this.data.shared.map((m) => ({ ...m })),
      messages: (entry?.messages ?? []).map((m) => ({ ...m })),
    };
    if (entry?.composer) view.composer = entry.composer;
    if (this.notice) {
      view.notice = this.notice;
      this.notice = undefined;
    }
    return view;
  }

  async saveMessage(args: SaveMessageArgs): Promise<StoredView> {
    await this.change((data) => {
      const list = this.listFor(data, args.key, args.scope);
      const { id, ...fields } = args.message;
      if (id !== undefined) {
        const at = list.findIndex((m) => m.id === id);
        if (at < 0) throw new EngineError('NO_SAVED_MESSAGE', 'That saved message no longer exists.');
        list[at] = { id, ...fields };
        return;
      }
      if (list.length >= MAX_MESSAGES) {
        throw new EngineError('TOO_MANY_SAVED', 'Too many saved messages.', { max: MAX_MESSAGES });
      }
      const message: SavedMessage = { id: randomUUID(), ...fields };
      list.push(message);
    });
    return this.view(args.key);
  }

  async deleteMessage(args: DeleteMessageArgs): Promise<StoredView> {
    await this.change((data) => {
      const list = this.listFor(data, args.key, args.scope);
      const at = list.findIndex((m) => m.id === args.id);
      if (at < 0) throw new EngineError('NO_SAVED_MESSAGE', 'That saved message no longer exists.');
      list.splice(at, 1);
    });
    return this.view(args.key);
  }

  async setComposer(args: SetComposerArgs): Promise<StoredView> {
    await this.change((data) => {
      this.entry(data, args.key).composer = args.composer satisfies ComposerPrefs;
    });
    return this.view(args.key);
  }

  async dialog(kind: DialogKind): Promise<DialogPrefs> {
    await this.load();
    return rememberedDialogFields(kind, { ...this.data.dialogs?.[kind] });
  }

  async setDialog(args: SetDialogArgs): Promise<DialogPrefs> {
    await this.change((data) => {
      data.dialogs = { ...data.dialogs, [args.kind]: rememberedDialogFields(args.kind, args.prefs) };
    });
    return this.dialog(args.kind);
  }

  async ui(): Promise<UiPrefs> {
    await this.load();
    return { ...this.data.ui };
  }

  async setUi(change: UiPrefs): Promise<UiPrefs> {
    await this.change((data) => {
      data.ui = { ...data.ui, ...change };
    });
    return this.ui();
  }

  private listFor(data: StoreFile, key: string, scope: 'session' | 'shared'): SavedMessage[] {
    return scope === 'shared' ? data.shared : this.entry(data, key).messages;
  }

  private entry(data: StoreFile, key: string): StoreFile['sessions'][string] {
    let entry = data.sessions[key];
    if (!entry) {
      // Bounded: the least recently added session keys make room (their messages go with them).
      const keys = Object.keys(data.sessions);
      if (keys.length >= MAX_KEYS) Reflect.deleteProperty(data.sessions, keys[0] as string);
      entry = { messages: [] };
      data.sessions[key] = entry;
    }
    return entry;
  }

  /**
   * Apply a change to a copy, write it, and only then make it current: a
   * failed write (disk full) leaves memory and disk agreeing on the old state.
   */
  private async change(apply: (data: StoreFile) => void): Promise<void> {
    await this.load();
    const run = this.writing.then(async () => {
      const next = structuredClone(this.data);
      apply(next);
      if (this.file) await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
      this.data = next;
    });
    // The queue continues after a failure; the caller still sees it.
    this.writing = run.catch(() => undefined);
    await run;
  }
}

/** Where the web shell keeps its data unless told otherwise: $XDG_CONFIG_HOME or ~/.config. */
export function defaultDataDir(env: NodeJS.ProcessEnv, home: string): string {
  const base =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(base, 'socket-workbench');
}
