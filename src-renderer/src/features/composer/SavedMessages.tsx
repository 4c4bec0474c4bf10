import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BridgeError, SavedMessage, SavedScope, StoredView } from '../../../../src-shared/contract';
import type { PayloadOptions } from '../../../../src-shared/codec/payload';
import { useStoreActions } from './use-store-actions';
import { useErrorText } from '../../ui/use-error-text';

export interface SavedMessagesProps {
  storeKey: string;
  view: StoredView | undefined;
  onView: (view: StoredView) => void;
  /** What the composer holds now, for "Save current"; undefined while it cannot become bytes. */
  current: { input: string; settings: PayloadOptions } | undefined;
  /** Send a saved message with its own settings, in one click. */
  onSend: (message: SavedMessage) => void;
  disabled: boolean;
}

/** A short default name from the message itself. */
const nameFrom = (input: string): string => input.replace(/\s+/g, ' ').trim().slice(0, 24) || '…';

/**
 * Saved messages: this session's (kept under its kind and address) and the
 * shared ones, each sent with one click. Stored in main, written atomically,
 * so they are still here after a restart.
 */
export function SavedMessages({ storeKey, view, onView, current, onSend, disabled }: SavedMessagesProps) {
  const { t } = useTranslation();
  const { saveMessage, deleteMessage } = useStoreActions();
  const errorText = useErrorText();
  const [shared, setShared] = useState(false);
  const [editing, setEditing] = useState<string | undefined>();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<BridgeError | undefined>();
  const shownError = error ?? view?.notice;

  const done = (result: { ok: true; value: StoredView } | { ok: false; error: BridgeError }): void => {
    if (result.ok) {
      onView(result.value);
      setError(undefined);
    } else setError(result.error);
  };

  const saveCurrent = async (): Promise<void> => {
    if (!current) return;
    const scope: SavedScope = shared ? 'shared' : 'session';
    done(
      await saveMessage({
        key: storeKey,
        scope,
        message: { name: nameFrom(current.input), ...current },
      }),
    );
  };

  const rename = async (message: SavedMessage, scope: SavedScope): Promise<void> => {
    setEditing(undefined);
    const name = draft.trim();
    if (!name || name === message.name) return;
    done(await saveMessage({ key: storeKey, scope, message: { ...message, name } }));
  };

  const remove = async (message: SavedMessage, scope: SavedScope): Promise<void> => {
    done(await deleteMessage({ key: storeKey, scope, id: message.id }));
  };

  const item = (message: SavedMessage, scope: SavedScope) => {
    const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
      if (e.key === 'Enter') void rename(message, scope);
      if (e.key === 'Escape') setEditing(undefined);
    };
    return (
      <li
        key={message.id}
        className="saved-item"
        data-testid="saved-message"
        data-scope={scope}
        data-name={message.name}
      >
        {editing === message.id ? (
          <input
            className="saved-rename-input"
            data-testid="saved-rename-input"
            value={draft}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKey}
            onBlur={() => void rename(message, scope)}
          />
        ) : (
          <button
            type="button"
            className="saved-send"
            data-testid="saved-send"
            disabled={disabled}
            title={t('saved.sendTitle', { input: message.input.slice(0, 200) })}
            onClick={() => onSend(message)}
          >
            {scope === 'shared' && <span className="saved-shared-mark" aria-label={t('saved.shared')} />}
            {message.name}
          </button>
        )}
        <button
          type="button"
          className="saved-icon"
          data-testid="saved-rename"
          title={t('saved.rename')}
          aria-label={t('saved.rename')}
          onClick={() => {
            setDraft(message.name);
            setEditing(message.id);
          }}
        >
          ✎
        </button>
        <button
          type="button"
          className="saved-icon"
          data-testid="saved-delete"
          title={t('saved.delete')}
          aria-label={t('saved.delete')}
          onClick={() => void remove(message, scope)}
        >
          ×
        </button>
      </li>
    );
  };

  const count = (view?.messages.length ?? 0) + (view?.shared.length ?? 0);
  return (
    <div className="saved" data-testid="saved-messages">
      <span className="composer-tool-title">{t('saved.title')}</span>
      {count === 0 ? (
        <span className="saved-empty">{t('saved.empty')}</span>
      ) : (
        <ul className="saved-list">
          {view?.messages.map((m) => item(m, 'session'))}
          {view?.shared.map((m) => item(m, 'shared'))}
        </ul>
      )}
      <span className="saved-actions">
        <label className="field-inline checkbox" title={t('saved.sharedHint')}>
          <input
            type="checkbox"
            data-testid="saved-shared"
            checked={shared}
            onChange={(e) => setShared(e.target.checked)}
          />
          <span>{t('saved.shared')}</span>
        </label>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          data-testid="saved-save"
          disabled={!current || !view}
          onClick={() => void saveCurrent()}
        >
          {t('saved.save')}
        </button>
      </span>
      {shownError && (
        <span className="composer-error" role="alert" data-testid="saved-error" data-code={shownError.code}>
          <strong className="mono">{shownError.code}</strong> {errorText(shownError)}
        </span>
      )}
    </div>
  );
}
