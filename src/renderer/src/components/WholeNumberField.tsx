/** A labelled whole-number input with its hint, or its error in place of the hint when invalid. */
export function WholeNumberField(props: {
  id: string;
  label: string;
  hint: string;
  error: string;
  invalid: boolean;
  min: number;
  max: number;
  value: string;
  required?: boolean;
  onChange: (text: string) => void;
}) {
  const { id, invalid } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        step={1}
        required={props.required}
        value={props.value}
        data-testid={id}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : `${id}-hint`}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {invalid ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {props.error}
        </span>
      ) : (
        <span id={`${id}-hint`} className="muted field-hint">
          {props.hint}
        </span>
      )}
    </div>
  );
}
