// The one way the UI builds DOM. Article text, titles and every other value
// from the API are untrusted, so they only ever become Text nodes
// (textContent); there is no innerHTML anywhere in web/. Attributes are set by
// name from a closed list, and links only take internal `#/…` routes or
// http(s) URLs, so a `javascript:` URL in a document's metadata stays inert.

type Child = Node | string | number | null | undefined | false;

export interface Attrs {
  class?: string;
  id?: string;
  title?: string;
  href?: string;
  type?: string;
  value?: string;
  placeholder?: string;
  name?: string;
  for?: string;
  role?: string;
  tabindex?: string;
  'aria-label'?: string;
  'aria-pressed'?: string;
  checked?: boolean;
  disabled?: boolean;
  selected?: boolean;
  rows?: string;
  accept?: string;
  data?: Record<string, string | number | undefined>;
  style?: Partial<Record<'left' | 'top' | 'width' | 'height' | 'background' | 'borderColor', string>>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
}

const PLAIN_ATTRS = [
  'class',
  'id',
  'title',
  'type',
  'placeholder',
  'name',
  'for',
  'role',
  'tabindex',
  'aria-label',
  'aria-pressed',
  'rows',
  'accept',
] as const;

/** Accepts internal routes and web URLs; anything else (javascript:, data:) becomes '#'. */
export function safeHref(href: string): string {
  if (href.startsWith('#')) return href;
  try {
    const url = new URL(href);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // not a URL at all
  }
  return '#';
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const name of PLAIN_ATTRS) {
    const v = attrs[name];
    if (v !== undefined) el.setAttribute(name, v);
  }
  if (attrs.href !== undefined) {
    const href = safeHref(attrs.href);
    el.setAttribute('href', href);
    if (!href.startsWith('#')) {
      el.setAttribute('rel', 'noopener noreferrer nofollow');
      el.setAttribute('target', '_blank');
    }
  }
  if (attrs.value !== undefined) (el as HTMLInputElement).value = attrs.value;
  if (attrs.checked) (el as HTMLInputElement).checked = true;
  if (attrs.disabled) (el as HTMLInputElement).disabled = true;
  if (attrs.selected) (el as HTMLOptionElement).selected = true;
  if (attrs.data) {
    for (const [k, v] of Object.entries(attrs.data)) if (v !== undefined) el.dataset[k] = String(v);
  }
  if (attrs.style) Object.assign(el.style, attrs.style);
  if (attrs.on) {
    for (const [type, handler] of Object.entries(attrs.on)) {
      el.addEventListener(type, handler as EventListener);
    }
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: Array<SVGElement | null>
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.appendChild(c);
  return el;
}

/** A route link to a span in the article view. */
export function spanHref(document: string, span: { start: number; end: number }): string {
  return `#/doc/${encodeURIComponent(document)}?span=${span.start}-${span.end}`;
}

export function statusBadge(status: string): HTMLElement {
  return h('span', { class: `badge status-${status}`, data: { status } }, status.replace('_', ' '));
}

export function pct(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}
