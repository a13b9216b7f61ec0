import type { ReactNode } from 'react';
import { LabelledField, type ControlProps } from '../../components/LabelledField';
import type { RuleErrorKey } from '../../stores/ruleForm';

/** A labelled control of the rule form (ids `rule-…`), named by the error key that reaches it. */
export function RuleFormField({ name, label, error, children }: { name: RuleErrorKey; label: string; error: string | undefined; children: (props: ControlProps) => ReactNode }) {
  return (
    <LabelledField form="rule" name={name} label={label} error={error}>
      {children}
    </LabelledField>
  );
}
