import { type InputHTMLAttributes, type ReactNode, useId } from 'react';

/** A labelled input: the label names the control for screen readers; `hint` is read with it. */
export function Field({
  label,
  hint,
  ...input
}: { label: string; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-describedby={hint ? hintId : undefined} {...input} />
      {hint && (
        <p id={hintId} className="muted">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A labelled multi-line text field. */
export function TextArea({ label, ...area }: { label: string } & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={3} {...area} />
    </div>
  );
}

/** Where a form says what happened: errors are announced at once, successes politely. */
export function FormStatus({ error, success }: { error: string | null; success?: string | null }) {
  return (
    <div className="form-alert-slot" aria-live="polite">
      {error && (
        <p className="form-alert" role="alert">
          {error}
        </p>
      )}
      {!error && success && (
        <p className="form-success" role="status">
          {success}
        </p>
      )}
    </div>
  );
}
