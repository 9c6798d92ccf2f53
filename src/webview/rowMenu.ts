// The row's menu (right-click, Shift+F10, or its "…" button): copy the event or its group.
// One menu for the whole list, placed at the pointer or below the button.
import { el } from './dom';
import { t } from './l10n';
import { menuKey } from './menuKeys';
import type { MenuItem } from './menuButton';

/**
 * RowMenu is a floating menu (`position: fixed`) of labelled items. It holds no state beyond the
 * DOM: closed on creation, closed by Escape, Tab, a choice or a click elsewhere; on close the
 * focus goes back to the element that had it when the menu opened.
 */
export class RowMenu {
  readonly root = el('div', {
    class: 'popup-menu row-menu',
    role: 'menu',
    hidden: '',
    'aria-label': t('Event actions'),
  });
  private entries: HTMLButtonElement[] = [];
  private returnFocus: HTMLElement | null = null;

  constructor() {
    this.root.addEventListener('keydown', (e) => this.onKey(e));
    this.root.addEventListener('focusout', (e) => {
      if (!this.root.contains(e.relatedTarget as Node | null)) this.close(false);
    });
    document.addEventListener('mousedown', (e) => {
      if (!this.root.hidden && !this.root.contains(e.target as Node)) this.close(false);
    });
  }

  get isOpen(): boolean {
    return !this.root.hidden;
  }

  /** open shows `items` with the menu's top-left corner at (x, y), kept inside the window. */
  open(items: readonly MenuItem[], x: number, y: number): void {
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.entries = items.map((item) => {
      const b = el(
        'button',
        {
          class: 'menu-item',
          type: 'button',
          role: 'menuitem',
          tabindex: '-1',
          'aria-label': item.ariaLabel,
        },
        item.label,
      );
      b.addEventListener('click', () => {
        this.close(true);
        item.run();
      });
      return b;
    });
    this.root.replaceChildren(...this.entries);
    this.root.hidden = false;
    const w = this.root.offsetWidth;
    const h = this.root.offsetHeight;
    this.root.style.left = `${Math.max(0, Math.min(x, window.innerWidth - w - 2))}px`;
    this.root.style.top = `${Math.max(0, Math.min(y, window.innerHeight - h - 2))}px`;
    this.entries[0]?.focus();
  }

  /** close hides the menu; with `refocus`, the focus goes back where it was before it opened. */
  close(refocus: boolean): void {
    if (this.root.hidden) return;
    this.root.hidden = true;
    if (refocus) this.returnFocus?.focus();
    this.returnFocus = null;
  }

  private onKey(e: KeyboardEvent): void {
    if (menuKey(e, this.entries, (refocus) => this.close(refocus))) e.stopPropagation();
  }
}
