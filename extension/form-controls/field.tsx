import type { ComponentChildren } from 'preact';

/**
 * A form control with a visible label tied to it by id. The label does not wrap the control, so a select's
 * or textarea's contents never become part of its accessible name.
 */
export function Field({
  id,
  label,
  wide = false,
  children,
}: {
  id: string;
  label: ComponentChildren;
  wide?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div class={wide ? 'field wide' : 'field'}>
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}
