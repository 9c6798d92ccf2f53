// Saved filter presets, kept in the extension's globalState. No vscode import: unit-tested under
// plain Node with a fake memento.
import { deletePreset, parsePresets, savePreset } from '../../core/stream/presets';
import { Emitter, type Event } from '../../core/util/emitter';
import type { FilterPreset, UiState } from '../../protocol/events';

/** PRESETS_KEY is the globalState key of the presets list. */
export const PRESETS_KEY = 'kubeEvents.filterPresets';

/** Memento is the part of vscode.Memento the store uses. */
export interface PresetMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

/**
 * PresetStore reads the presets from the memento (validated: see parsePresets) and writes every
 * change back; `onDidChange` fires after each change so every open page can list them. Saving
 * and deleting follow savePreset / deletePreset (bounded count and name length).
 */
export class PresetStore {
  private readonly emitter = new Emitter<readonly FilterPreset[]>();

  constructor(private readonly memento: PresetMemento) {}

  get onDidChange(): Event<readonly FilterPreset[]> {
    return this.emitter.event;
  }

  list(): FilterPreset[] {
    return parsePresets(this.memento.get(PRESETS_KEY));
  }

  /** save stores `ui` under `name` (replacing a preset of that name); throws as savePreset does. */
  async save(name: string, ui: UiState): Promise<void> {
    await this.write(savePreset(this.list(), name, ui));
  }

  async delete(name: string): Promise<void> {
    await this.write(deletePreset(this.list(), name));
  }

  private async write(list: FilterPreset[]): Promise<void> {
    await this.memento.update(PRESETS_KEY, list);
    this.emitter.fire(list);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
