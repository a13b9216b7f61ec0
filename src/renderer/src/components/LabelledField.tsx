import type { ReactNode } from 'react';

/** The props a labelled control takes: its id, and its error tied to it for assistive technology. */
export type ControlProps = { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined };

/**
 * A form's labelled control with its error message (aria-invalid + aria-describedby). The control's
 * id is `${form}-${name}` with dots as dashes (`rule-windows-1-to`); `data-field` is the name, as
 * tests and the error mapping know it.
 */
export function LabelledField({ form, name, label, error, children }: { form: string; name: string; label: string; error: string | undefined; children: (props: ControlProps) => ReactNode }) {
  const id = `${form}-${name.replaceAll('.', '-')}`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'field has-error' : 'field'} data-field={name}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': error ? errorId : undefined })}
      {error ? (
        <span id={errorId} className="field-error" data-testid="field-error" data-field={name}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
