// menuKeys: the keyboard of an open popup menu, shared by the toolbar's menu buttons and the
// row menu: arrows, Home and End move the focus round the entries; Escape closes and gives the
// focus back; Tab closes and lets the focus move on.

/**
 * menuKey handles `e` for a menu whose entries are `entries`; `close(refocus)` closes it. It
 * returns false for a key it leaves alone.
 */
export function menuKey(
  e: KeyboardEvent,
  entries: readonly HTMLButtonElement[],
  close: (refocus: boolean) => void,
): boolean {
  const i = entries.indexOf(document.activeElement as HTMLButtonElement);
  const n = entries.length;
  const move = (j: number) => entries[(j + n) % n]?.focus();
  if (e.key === 'ArrowDown') move(i + 1);
  else if (e.key === 'ArrowUp') move(i - 1);
  else if (e.key === 'Home') move(0);
  else if (e.key === 'End') move(n - 1);
  else if (e.key === 'Escape') close(true);
  else if (e.key === 'Tab') close(false);
  else return false;
  if (e.key !== 'Tab') e.preventDefault();
  return true;
}
