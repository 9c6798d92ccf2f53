// The explanation panel below the Events list: for the selected Warning (or group), the likely
// cause, the evidence and the next steps the host computed, as text; each step is a button that
// asks the host to run it. Nothing the host sends is parsed as HTML.
import { groupSummary, type ListItem } from '../core/stream/group';
import type {
  ExplanationMessage,
  ExplainEventRef,
  ExplainSelectMessage,
  SelectionObject,
} from '../protocol/explain';
import { EXPLAIN_LIMITS } from '../protocol/explain';
import type { WebviewMessage } from '../protocol/events';
import { el, icon } from './dom';
import { cellText, displayText, tooltipText } from './format';
import { t, webviewL10n } from './l10n';

/** SELECT_DELAY_MS: a selection is sent once the keyboard has rested this long on a row. */
export const SELECT_DELAY_MS = 80;

const CONFIDENCE: Record<ExplanationMessage['items'][number]['confidence'], () => string> = {
  exact: () => t('Confidence: exact: the message was parsed and the cache confirms it.'),
  partial: () => t('Confidence: partial: part of the message or of the cache is unknown.'),
  generic: () => t("Confidence: generic: what the reason means; the message isn't parsed."),
};

const STEP_ICONS: Record<string, string> = {
  describe: 'info',
  showEvents: 'list-flat',
  reveal: 'go-to-file',
  kubectl: 'copy',
};

/**
 * selectionOf is what the host is asked about for a list item: the Warnings to explain (an
 * event's own; a group's newest Warning per reason, at most EXPLAIN_LIMITS.events) and the
 * object (an owner group's owner, else the involved object).
 */
export function selectionOf(item: ListItem | undefined): Omit<ExplainSelectMessage, 'type' | 'seq'> {
  if (!item) return { events: [], object: null };
  const rows =
    item.kind === 'group'
      ? item.members.map((m) => m.row)
      : [item.kind === 'event' ? item.row : item.entry.row];
  const events: ExplainEventRef[] = [];
  const reasons = new Set<string>();
  for (const r of rows) {
    if (events.length >= EXPLAIN_LIMITS.events) break;
    if (r.type !== 'Warning' || reasons.has(r.reason) || r.key === '') continue;
    reasons.add(r.reason);
    events.push({ context: r.context, key: r.key });
  }
  const row = rows[0]!;
  const owner = item.kind === 'group' && item.mode === 'owner' && row.ownerName !== '';
  const object: SelectionObject | null =
    (owner ? row.ownerKind : row.kind) && (owner ? row.ownerName : row.name)
      ? {
          context: row.context,
          kind: owner ? row.ownerKind : row.kind,
          namespace: row.namespace,
          name: owner ? row.ownerName : row.name,
          uid: owner ? row.ownerUid : row.uid,
        }
      : null;
  return { events, object };
}

/**
 * ExplainPanel owns the panel's element and the selection's sequence number. `select` is
 * called on every selection change (debounced before it reaches the host); `show` renders the
 * host's answer when it is for the current selection, and ignores it otherwise. `onChange`
 * runs when what the panel knows about the selection changed (its manifest).
 */
export class ExplainPanel {
  readonly root = el('section', { class: 'explain-panel', 'aria-label': t('Explanation'), hidden: '' });
  private seq = 0;
  private signature = '';
  private selectedKey = '';
  private groupNote = '';
  private hasWarnings = false;
  private manifest = false;
  private dismissed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly post: (m: WebviewMessage) => void,
    private readonly onChange: () => void,
  ) {
    this.root.addEventListener('click', (e) => {
      const b = (e.target as Element).closest('button');
      if (!(b instanceof HTMLButtonElement) || !this.root.contains(b)) return;
      const d = b.dataset;
      if (d.step !== undefined && d.item !== undefined)
        this.post({ type: 'explainStep', seq: this.seq, item: Number(d.item), step: Number(d.step) });
      else if (d.panel === 'manifest') this.openManifest();
      else if (d.panel === 'document' && d.context !== undefined && d.key !== undefined)
        this.post({ type: 'explain', context: d.context, key: d.key });
      else if (d.panel === 'close') {
        this.dismissed = true;
        this.root.hidden = true;
      }
    });
  }

  /** manifestKey is the selected item's key when the workspace defines its object, else ''. */
  manifestKey(): string {
    return this.manifest ? this.selectedKey : '';
  }

  /** openManifest asks the host to open the selected object's manifest. */
  openManifest(): void {
    if (this.manifest) this.post({ type: 'openManifest', seq: this.seq });
  }

  /** select takes the new selection (`key`: its list key); the host hears of it once it rests. */
  select(item: ListItem | undefined, key: string): void {
    const sel = selectionOf(item);
    const signature = JSON.stringify(sel);
    if (signature === this.signature && key === this.selectedKey) return;
    this.signature = signature;
    this.selectedKey = key;
    this.seq++;
    this.dismissed = false;
    this.hasWarnings = sel.events.length > 0;
    this.groupNote =
      item?.kind === 'group' && this.hasWarnings
        ? sel.events.length > 1
          ? t('{0}: explaining the newest Warning of each reason.', groupSummary(item, webviewL10n))
          : t('{0}: explaining the newest Warning.', groupSummary(item, webviewL10n))
        : '';
    const hadManifest = this.manifest;
    this.manifest = false;
    if (this.hasWarnings) {
      this.root.hidden = false;
      this.root.setAttribute('aria-busy', 'true');
      this.root.replaceChildren(this.header(), el('p', { class: 'explain-note' }, t('Explaining…')));
    } else {
      this.root.hidden = true;
      this.root.replaceChildren();
    }
    if (hadManifest) this.onChange();
    if (this.timer) clearTimeout(this.timer);
    const seq = this.seq;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (seq === this.seq) this.post({ type: 'explainSelect', seq, ...sel });
    }, SELECT_DELAY_MS);
  }

  /** show renders the host's explanation for the current selection (others are dropped). */
  show(m: ExplanationMessage): void {
    if (m.seq !== this.seq) return;
    const manifestChanged = m.manifest !== this.manifest;
    this.manifest = m.manifest;
    const visible = !this.dismissed && (this.hasWarnings || m.items.length > 0 || m.manifest);
    this.root.hidden = !visible;
    this.root.setAttribute('aria-busy', 'false');
    const children: Node[] = [this.header()];
    if (this.groupNote) children.push(el('p', { class: 'explain-note' }, cellText(this.groupNote)));
    m.items.forEach((item, i) => children.push(this.item(item, i)));
    if (m.items.length === 0 && m.note)
      children.push(el('p', { class: 'explain-note' }, displayText(m.note)));
    this.root.replaceChildren(...children);
    if (manifestChanged) this.onChange();
  }

  private header(): HTMLElement {
    const actions: Node[] = [];
    if (this.manifest)
      actions.push(
        el(
          'button',
          {
            class: 'explain-button',
            type: 'button',
            'data-panel': 'manifest',
            title: t('Open the manifest that defines this object'),
          },
          icon('go-to-file'),
          el('span', {}, t('Open Manifest')),
        ),
      );
    actions.push(
      el(
        'button',
        {
          class: 'icon-button',
          type: 'button',
          'data-panel': 'close',
          title: t('Close'),
          'aria-label': t('Close the explanation'),
        },
        icon('close'),
      ),
    );
    return el(
      'div',
      { class: 'explain-head' },
      icon('lightbulb'),
      el('span', { class: 'explain-title' }, this.hasWarnings ? t('Explanation') : t('Object')),
      el('span', { class: 'explain-actions' }, ...actions),
    );
  }

  private item(x: ExplanationMessage['items'][number], index: number): HTMLElement {
    const body: Node[] = [
      el('h3', { class: 'explain-heading' }, cellText(t('{0} on {1}', x.reason, x.subject))),
      el('p', { class: 'explain-cause' }, displayText(x.cause)),
      el('p', { class: 'explain-confidence' }, CONFIDENCE[x.confidence]()),
    ];
    if (x.evidence.length > 0) {
      body.push(
        el('h4', {}, t('Evidence')),
        el('ul', { class: 'explain-evidence' }, ...x.evidence.map((t) => el('li', {}, displayText(t)))),
      );
    }
    if (x.rollout.length > 0) {
      body.push(
        el('h4', {}, t('Rollout')),
        el('ul', { class: 'explain-rollout' }, ...x.rollout.map((t) => el('li', {}, displayText(t)))),
      );
    }
    const steps = x.steps.map((s, j) => {
      const b = el(
        'button',
        {
          class: 'explain-button',
          type: 'button',
          title: tooltipText(s.command === 'kubectl' ? t('Copy: {0}', s.kubectl) : s.title),
        },
        icon(STEP_ICONS[s.command] ?? 'play'),
        el('span', {}, cellText(s.title)),
      );
      b.dataset.item = String(index);
      b.dataset.step = String(j);
      return b;
    });
    const doc = el(
      'button',
      {
        class: 'explain-button',
        type: 'button',
        'data-panel': 'document',
        title: t('Open the explanation as a document'),
      },
      icon('open-preview'),
      el('span', {}, t('Open as Document')),
    );
    doc.dataset.context = x.event.context;
    doc.dataset.key = x.event.key;
    body.push(el('h4', {}, t('Next steps')), el('div', { class: 'explain-steps' }, ...steps, doc));
    const kubectl = x.steps.filter((s) => s.kubectl !== '');
    if (kubectl.length > 0)
      body.push(
        el(
          'ul',
          { class: 'explain-kubectl' },
          ...kubectl.map((s) => el('li', {}, el('code', {}, displayText(s.kubectl)))),
        ),
      );
    return el('article', { class: 'explain-item' }, ...body);
  }
}
