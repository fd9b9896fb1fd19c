/** The "Format" choice of the import and export sheets. */
export function FormatField<F extends string>(props: {
  value: F;
  formats: readonly F[];
  names: Record<F, string>;
  onChange(format: F): void;
}) {
  return (
    <label>
      Format
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as F)}>
        {props.formats.map((f) => (
          <option key={f} value={f}>
            {props.names[f]}
          </option>
        ))}
      </select>
    </label>
  );
}
