/**
 * fileDialog: answering VS Code's own ("simple") file dialog, the quick input code-server shows
 * for showOpenDialog/showSaveDialog. Under load the dialog is slow in two ways seen in CI: it
 * puts its own folder back in front of what is typed, and it ignores an Enter that arrives while
 * it is still resolving the folder (or shows its accept button instead of closing). Every round
 * here is bounded; the last failure says what the dialog showed.
 */
import { type Locator, type Page } from 'playwright-core';
import { waitUntil } from './wait';

/** FileDialogOptions tune answerFileDialog. */
export interface FileDialogOptions {
  /** The dialog's accept button (the `openLabel`/`saveLabel` of the command), clicked when Enter did not close it. */
  acceptLabel?: string;
  /** Rounds of type + Enter (+ button) before giving up (default 3). */
  rounds?: number;
  /** How long one round waits for the dialog to close (default 8 s). */
  closeTimeoutMs?: number;
}

/**
 * answerFileDialog types `file` into the open file dialog and accepts it. The dialog completes
 * what is typed, so the rest of the path is typed after the folder it shows; a value that came
 * out different is typed again. A dialog still open after Enter gets its accept button (when
 * named), then the path and Enter again, `rounds` times at most; then Escape and an error that
 * quotes the dialog's message.
 */
export async function answerFileDialog(
  page: Page,
  file: string,
  options: FileDialogOptions = {},
): Promise<void> {
  const rounds = options.rounds ?? 3;
  const closeTimeoutMs = options.closeTimeoutMs ?? 8_000;
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  await input.waitFor();
  for (let round = 1; ; round++) {
    await typeIntoFileDialog(page, input, file);
    await input.press('Enter');
    if (await closes(widget, closeTimeoutMs)) return;
    if (options.acceptLabel !== undefined) {
      const button = widget.locator('.monaco-button', { hasText: options.acceptLabel });
      if (await button.isVisible().catch(() => false)) {
        await button.click().catch(() => undefined);
        if (await closes(widget, closeTimeoutMs)) return;
      }
    }
    if (round >= rounds) {
      const message = await dialogMessage(widget);
      const value = await input.inputValue().catch(() => '?');
      await page.keyboard.press('Escape');
      throw new Error(
        `the file dialog stayed open after ${rounds} rounds of Enter (value ${JSON.stringify(value)}, message ${JSON.stringify(message)})`,
      );
    }
  }
}

async function closes(widget: Locator, timeoutMs: number): Promise<boolean> {
  try {
    await widget.waitFor({ state: 'hidden', timeout: timeoutMs });
    return true;
  } catch {
    return false;
  }
}

async function dialogMessage(widget: Locator): Promise<string> {
  const message = widget.locator('.quick-input-message');
  return (await message.count()) > 0 ? ((await message.first().textContent()) ?? '') : '';
}

/**
 * typeIntoFileDialog makes the dialog's input hold exactly `file`: the rest of the path typed
 * after a folder the dialog shows, else the whole path set; three attempts of 5 s.
 */
async function typeIntoFileDialog(page: Page, input: Locator, file: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const shown = await input.inputValue();
    if (shown === file) return;
    if (file.startsWith(shown) && shown.endsWith('/')) {
      await input.press('End');
      await page.keyboard.type(file.slice(shown.length));
    } else {
      await input.press('Control+A');
      await input.press('Backspace');
      await page.keyboard.type(file);
    }
    try {
      await waitUntil(
        'the file dialog takes the path',
        () => input.inputValue(),
        (v) => v === file,
        {
          timeoutMs: 5_000,
        },
      );
      return;
    } catch (err) {
      if (attempt === 3) {
        await page.keyboard.press('Escape');
        throw err;
      }
    }
  }
}
