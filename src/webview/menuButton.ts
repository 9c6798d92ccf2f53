// A toolbar button that opens a small menu (the Export… button): keyboard and screen-reader
// friendly, closed by Escape, Tab, a choice or a click elsewhere.
import { el, icon } from './dom';
import { menuKey } from './menuKeys';

/** MenuItem is one entry: its visible label, its accessible label, and what it does. */
export interface MenuItem {
  label: string;
  ariaLabel: string;
  run(): void;
  disabled?: boolean;
}

/**
 * MenuButton renders `button` (icon, label that narrow layouts hide) with `aria-haspopup` and a
 * menu of `items` below it. The menu holds no state beyond the DOM; it is closed on creation.
 */
export class MenuButton {
  readonly root: HTMLDivElement;
  private readonly button: HTMLButtonElement;
  private readonly menu: HTMLDivElement;
  private entries: HTMLButtonElement[] = [];

  /**
   * `buttonClass` and `menuClass` default to `menu-button` and `menu` (the Export… button's);
   * other menus take other classes, so that each can be found alone.
   */
  constructor(o: {
    label: string;
    iconName: string;
    title: string;
    items: MenuItem[];
    buttonClass?: string;
    menuClass?: string;
  }) {
    this.button = el(
      'button',
      {
        class: `tool ${o.buttonClass ?? 'menu-button'}`,
        type: 'button',
        title: o.title,
        'aria-label': o.title,
        'aria-haspopup': 'menu',
        'aria-expanded': 'false',
      },
      icon(o.iconName),
      el('span', { class: 'label' }, o.label),
      icon('chevron-down', 'menu-chevron'),
    );
    this.menu = el('div', { class: o.menuClass ?? 'menu', role: 'menu', hidden: '' });
    this.setItems(o.items);
    this.root = el('div', { class: 'menu-box' }, this.button, this.menu);
    this.button.addEventListener('click', () => (this.menu.hidden ? this.open(false) : this.close(true)));
    this.button.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        this.open(e.key === 'ArrowUp');
      }
    });
    this.menu.addEventListener('keydown', (e) => this.onMenuKey(e));
    this.menu.addEventListener('focusout', (e) => {
      if (!this.root.contains(e.relatedTarget as Node | null)) this.close(false);
    });
    document.addEventListener('mousedown', (e) => {
      if (!this.menu.hidden && !this.root.contains(e.target as Node)) this.close(false);
    });
  }

  /** setItems replaces the menu's entries (a disabled item shows but does nothing). */
  setItems(items: readonly MenuItem[]): void {
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
      if (item.disabled) b.setAttribute('aria-disabled', 'true');
      b.addEventListener('click', () => {
        if (item.disabled) return;
        this.close(true);
        item.run();
      });
      return b;
    });
    this.menu.replaceChildren(...this.entries);
  }

  /** open shows the menu and focuses its first (or last) item. */
  open(last: boolean): void {
    this.menu.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this.entries[last ? this.entries.length - 1 : 0]?.focus();
  }

  /** close hides the menu; with `refocus`, the focus goes back to the button. */
  close(refocus: boolean): void {
    if (this.menu.hidden) return;
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (refocus) this.button.focus();
  }

  private onMenuKey(e: KeyboardEvent): void {
    menuKey(e, this.entries, (refocus) => this.close(refocus));
  }
}
