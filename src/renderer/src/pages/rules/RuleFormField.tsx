import type { ReactNode } from 'react';
import type { RuleErrorKey } from '../../stores/ruleForm';

/** The control's id for a form field (`windows.1.to` → `rule-windows-1-to`). */
export const ruleFieldId = (name: RuleErrorKey): string => `rule-${name.replaceAll('.', '-')}`;

/** A labelled control of the rule form with its error message tied to it (aria-invalid + aria-describedby). */
export function RuleFormField({ name, label, error, children }: { name: RuleErrorKey; label: string; error: string | undefined; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode }) {
  const id = ruleFieldId(name);
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
