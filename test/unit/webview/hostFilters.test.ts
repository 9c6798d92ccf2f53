import * as assert from 'node:assert/strict';
import {
  type FilterTarget,
  objectEventsFilter,
  PendingFilter,
  summaryScope,
  warningsFilter,
} from '../../../src/host/webviews/hostFilters';
import { type HostFilter, isHostMessage } from '../../../src/protocol/events';
import { chipsOf, initialViewState, applyHostFilter } from '../../../src/webview/viewState';

/** page is a fake webview page: live or not, recording what it was sent. */
function page(live: boolean): FilterTarget & { got: HostFilter[]; live: boolean } {
  const p = {
    live,
    got: [] as HostFilter[],
    postFilter(f: HostFilter) {
      if (!p.live) return false;
      p.got.push(f);
      return true;
    },
  };
  return p;
}

const request = {
  context: 'prod',
  label: 'Deployment/web',
  uids: ['dep'],
  descendantUids: ['rs', 'pod-1', 'pod-2'],
  includeDescendants: true,
};

describe('host/webviews/hostFilters', () => {
  it('"Show Warnings" of a summary shows the Warnings of its context and namespaces only', () => {
    const busy = applyHostFilter(initialViewState(), objectEventsFilter(request));
    const one = warningsFilter(summaryScope({ context: 'prod', namespace: 'web' }));
    assert.ok(isHostMessage({ type: 'setFilter', filter: one }));
    assert.deepEqual(
      chipsOf(applyHostFilter(busy, one)).map((c) => c.label),
      ['type: Warning', 'context: prod', 'namespace: web'],
    );
    const others = warningsFilter(
      summaryScope({ context: 'prod', namespace: '', namespaces: ['db', 'cache'] }),
    );
    assert.deepEqual(
      chipsOf(applyHostFilter(busy, others)).map((c) => c.label),
      ['type: Warning', 'context: prod', 'namespace: db', 'namespace: cache'],
    );
    // Cluster-scoped objects' warnings carry no namespace: the context alone.
    for (const s of [
      { context: 'prod', namespace: '' },
      { context: 'prod', namespace: '', namespaces: ['db', ''] },
    ]) {
      assert.deepEqual(
        chipsOf(applyHostFilter(busy, warningsFilter(summaryScope(s)))).map((c) => c.label),
        ['type: Warning', 'context: prod'],
        JSON.stringify(s),
      );
    }
  });

  it('"Show Warnings" is a valid setFilter that leaves Warnings only, and nothing else', () => {
    const f = warningsFilter();
    assert.ok(isHostMessage({ type: 'setFilter', filter: f }));
    const s = applyHostFilter(applyHostFilter(initialViewState(), objectEventsFilter(request)), f);
    assert.deepEqual(
      chipsOf(s).map((c) => c.label),
      ['type: Warning'],
    );
  });

  it('"Show Events" passes the object and its descendants separately, with the toggle', () => {
    const f = objectEventsFilter({ ...request, includeDescendants: false });
    assert.ok(isHostMessage({ type: 'setFilter', filter: f }));
    assert.deepEqual(f.object, {
      context: 'prod',
      label: 'Deployment/web',
      uids: ['dep'],
      descendantUids: ['rs', 'pod-1', 'pod-2'],
      includeDescendants: false,
    });
    assert.equal(f.clearOthers, true);
    // Copies: the caller's (readonly) arrays are not shared with the message.
    assert.notEqual(f.object!.uids, request.uids);
  });

  it('a live view gets the filter now; nothing waits', () => {
    const view = page(true);
    const panel = page(false);
    const pending = new PendingFilter();
    pending.send(warningsFilter(), view, [panel]);
    assert.deepEqual(view.got, [warningsFilter()]);
    assert.deepEqual(panel.got, []);
    assert.equal(pending.take(), null);
  });

  it('with no live page (or no page at all) the filter waits for the next page, once', () => {
    const pending = new PendingFilter();
    pending.send(warningsFilter(), undefined, [undefined]);
    assert.deepEqual(pending.take(), warningsFilter());
    assert.equal(pending.take(), null, 'taken once');
    const view = page(false);
    const panel = page(true);
    pending.send(warningsFilter(), view, [panel]);
    assert.deepEqual(panel.got, [warningsFilter()], 'the live panel gets it now');
    assert.deepEqual(pending.take(), warningsFilter(), 'and the view gets it when it loads');
  });

  it('filters sent while no page is live are merged, the last one winning', () => {
    const pending = new PendingFilter();
    pending.send(objectEventsFilter(request), page(false), []);
    pending.send(warningsFilter(), page(false), []);
    assert.deepEqual(pending.take(), warningsFilter());
    pending.send(warningsFilter(), undefined, []);
    pending.send({ clearOthers: false, object: null }, undefined, []);
    assert.deepEqual(pending.take(), { clearOthers: true, warningsOnly: true, object: null });
  });
});
