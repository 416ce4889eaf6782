type Attribute = string | number | boolean | ((event: Event) => void);
type Child = Node | string | false | null | undefined;

/**
 * Builds an element: attributes (`onclick` and friends become listeners) and children (strings become text
 * nodes). Everything the policy says reaches the page as text, never as HTML.
 */
export function h(
  tag: string,
  attributes: Record<string, Attribute> = {},
  ...children: Child[]
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, String(value));
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/** "a", "a and b", "a, b and c". */
export function words(items: readonly string[]): string {
  return items.length < 2
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
