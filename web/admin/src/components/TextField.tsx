/** A labelled, uncontrolled text input of a search form, with an optional hint tied to it for screen readers. */
export function TextField(props: {
  id: string;
  name: string;
  label: string;
  maxLength: number;
  placeholder?: string;
  defaultValue?: string;
  hint?: string;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        defaultValue={props.defaultValue}
        maxLength={props.maxLength}
        placeholder={props.placeholder}
        aria-describedby={hintId}
      />
      {props.hint && (
        <p id={hintId} className="field-hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}
