// The one sheet: a dimmed overlay with a dialog (a form when it submits), its title and an Esc
// button. Keys typed in a sheet stay in it: label hotkeys must not reach the editor behind.
import { useEffect, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import './sheet.css';

export interface SheetProps {
  title: ReactNode;
  /** The dialog's accessible name. */
  label: string;
  testId: string;
  className?: string;
  onClose(): void;
  /** Makes the dialog a form. */
  onSubmit?: (e: FormEvent) => void;
  /** The sheet's own keys, before Esc: true when the key was taken. */
  onKey?: (e: KeyboardEvent) => boolean;
  children: ReactNode;
}

export function Sheet({ title, label, testId, className, onClose, onSubmit, onKey, children }: SheetProps) {
  const ref = useRef<HTMLElement | null>(null);
  // The sheet takes the keyboard when it opens (a drop or a menu leaves the focus behind it),
  // and what is behind it is inert (no Tab, click or key reaches the editor) until it closes.
  useEffect(() => {
    if (!ref.current?.contains(document.activeElement)) ref.current?.focus();
    const overlay = ref.current?.parentElement;
    const behind = [...(overlay?.parentElement?.children ?? [])].filter(
      (el) => el !== overlay && !el.hasAttribute('inert'),
    );
    for (const el of behind) el.setAttribute('inert', '');
    return () => {
      for (const el of behind) el.removeAttribute('inert');
    };
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (onKey?.(e)) e.preventDefault();
    else if (e.key === 'Escape') onClose();
  };
  const props = {
    className: `sheet ${className ?? ''}`,
    role: 'dialog',
    'aria-modal': true,
    'aria-label': label,
    'data-testid': testId,
    onClick: (e: { stopPropagation(): void }) => e.stopPropagation(),
    onKeyDown,
    tabIndex: -1,
  } as const;
  const body = (
    <>
      <header className="sheet-head">
        <h2>{title}</h2>
        <button type="button" onClick={onClose} aria-label="Close">
          Esc
        </button>
      </header>
      {children}
    </>
  );
  return (
    <div className="overlay" onClick={onClose} role="presentation">
      {onSubmit ? (
        <form {...props} ref={(el) => void (ref.current = el)} onSubmit={onSubmit}>
          {body}
        </form>
      ) : (
        <div {...props} ref={(el) => void (ref.current = el)}>
          {body}
        </div>
      )}
    </div>
  );
}
