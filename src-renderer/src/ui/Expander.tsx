import { useState, type ReactNode } from 'react';

/**
 * A section that stays one line tall until opened, so options do not crowd
 * out the log: a title, a summary of what is set, and the body on demand.
 */
export function Expander({
  testId,
  title,
  summary,
  active,
  children,
}: {
  testId: string;
  title: string;
  summary: string;
  active: boolean;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className={`expander${open ? ' open' : ''}`} data-testid={testId}>
      <button
        type="button"
        className="expander-toggle"
        data-testid={`${testId}-toggle`}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <span className="caret" aria-hidden>
          {open ? '▾' : '▸'}
        </span>
        {title}
        <span className={`pill${active ? ' pill-on' : ''}`} data-testid={`${testId}-summary`}>
          {summary}
        </span>
      </button>
      {open && <div className="expander-body">{children}</div>}
    </div>
  );
}
