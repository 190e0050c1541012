import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../api/client.ts';
import { ErrorNote } from './error-note.tsx';

/**
 * A confirmation that asks why (approve, reject, rollback, deploy): a modal dialog with a reason
 * field; `onConfirm` runs the action and the dialog stays open to show a refusal.
 */
export function ReasonDialog({
  open,
  title,
  explanation,
  confirmLabel,
  reasonRequired,
  danger = false,
  children,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  explanation?: string;
  confirmLabel: string;
  reasonRequired: boolean;
  danger?: boolean;
  children?: React.ReactNode;
  onConfirm(reason: string): Promise<void>;
  onClose(): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open && !dialog.current?.open) {
      setError(undefined);
      dialog.current?.showModal();
    }
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(reason);
      onClose();
    } catch (failure) {
      setError(failure as ApiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} onClose={onClose} aria-label={title}>
      <form className="form-grid" onSubmit={submit}>
        <h2 style={{ margin: 0 }}>{title}</h2>
        {explanation && (
          <p className="muted" style={{ margin: 0 }}>
            {explanation}
          </p>
        )}
        {children}
        <label>
          Reason{reasonRequired ? '' : ' (optional)'}
          <textarea name="reason" rows={3} required={reasonRequired} maxLength={2000} />
        </label>
        <ErrorNote error={error} />
        <div className="actions">
          <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
