import { parseUiState, type UiState } from '../../protocol/events';
import type { TextStore } from '../../core/stream/publisher';

/**
 * UiStateStore keeps the Events view's last filters/sort/grouping (sent by the webview as
 * `filterChanged`) and writes them, debounced, so a new window starts where the last one was.
 */
export class UiStateStore {
  private state: UiState | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loaded: Promise<void>;

  constructor(
    private readonly store: TextStore,
    private readonly debounceMs = 1000,
  ) {
    this.loaded = store.read().then(
      (text) => {
        if (text === undefined || this.state) return;
        try {
          // Older versions saved fewer fields: parseUiState fills them in.
          this.state = parseUiState(JSON.parse(text)) ?? null;
        } catch {
          // A corrupt file means defaults.
        }
      },
      () => undefined,
    );
  }

  /** get returns the saved state once the file was read (null when there is none). */
  async get(): Promise<UiState | null> {
    await this.loaded;
    return this.state;
  }

  set(ui: UiState): void {
    this.state = ui;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.store.write(JSON.stringify(ui)).catch(() => undefined);
    }, this.debounceMs);
  }

  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      if (this.state) void this.store.write(JSON.stringify(this.state)).catch(() => undefined);
    }
  }
}
