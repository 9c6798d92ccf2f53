// DOM helpers. Cluster text only ever enters the DOM as text nodes (textContent, createTextNode)
// or attribute values; nothing here parses HTML.
import { matchRanges } from '../core/stream/filter';

type Attrs = Record<string, string>;

/** el creates an element with attributes (set as attributes, never as HTML) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

/** icon creates a codicon span (decorative: aria-hidden). */
export function icon(name: string, extra = ''): HTMLSpanElement {
  return el('span', { class: `codicon codicon-${name}${extra ? ` ${extra}` : ''}`, 'aria-hidden': 'true' });
}

/**
 * setHighlighted replaces `target`'s children with `text`, wrapping the matches of `terms` in
 * <mark> elements. Text goes in as text nodes only.
 */
export function setHighlighted(target: HTMLElement, text: string, terms: readonly string[]): void {
  const ranges = terms.length ? matchRanges(text, terms) : [];
  if (ranges.length === 0) {
    if (target.childNodes.length === 1 && target.firstChild!.nodeType === Node.TEXT_NODE) {
      if (target.firstChild!.nodeValue !== text) target.firstChild!.nodeValue = text;
    } else target.textContent = text;
    return;
  }
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) frag.append(document.createTextNode(text.slice(at, s)));
    const m = document.createElement('mark');
    m.append(document.createTextNode(text.slice(s, e)));
    frag.append(m);
    at = e;
  }
  if (at < text.length) frag.append(document.createTextNode(text.slice(at)));
  target.replaceChildren(frag);
}

/** setText sets textContent only when it changed (keeps recycled rows cheap). */
export function setText(target: HTMLElement, text: string): void {
  if (target.textContent !== text) target.textContent = text;
}

/** toggleClass sets or clears a class. */
export function toggleClass(target: Element, name: string, on: boolean): void {
  if (target.classList.contains(name) !== on) target.classList.toggle(name, on);
}
