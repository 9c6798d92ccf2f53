import * as assert from 'node:assert/strict';
import { DEFAULT_RULES, MuteMatcher, rulesFromSettings } from '../../../src/core/notify/rules';

describe('notify/rules', () => {
  it('matches contexts, namespaces (plain and context/namespace) and reasons exactly', () => {
    const m = new MuteMatcher({
      enabled: true,
      mutedReasons: ['BackOff'],
      mutedNamespaces: ['kube-system', 'arn:aws:eks:x:1:cluster/big/web'],
      mutedContexts: ['dev'],
    });
    assert.equal(m.match('dev', 'web', 'Unhealthy'), 'context');
    assert.equal(m.match('prod', 'kube-system', 'Unhealthy'), 'namespace');
    assert.equal(m.match('arn:aws:eks:x:1:cluster/big', 'web', 'Unhealthy'), 'namespace');
    assert.equal(m.match('prod', 'web', 'Unhealthy'), undefined);
    assert.equal(m.match('prod', 'web', 'BackOff'), 'reason');
    assert.equal(m.match('prod', 'web', 'backoff'), undefined);
    assert.equal(m.match('prod', 'Kube-System', 'x'), undefined);
    const off = new MuteMatcher({ ...DEFAULT_RULES, enabled: false });
    assert.equal(off.match('prod', 'web', 'x'), 'disabled');
  });

  it('validates raw settings', () => {
    assert.deepEqual(
      rulesFromSettings({
        enabled: false,
        mutedReasons: ['BackOff', 3, '', null],
        mutedNamespaces: 'web',
        cooldownSeconds: 30,
      }),
      {
        enabled: false,
        mutedReasons: ['BackOff'],
        mutedNamespaces: [],
        mutedContexts: [],
        cooldownMs: 30_000,
      },
    );
    assert.equal(rulesFromSettings({ enabled: 'yes', cooldownSeconds: -5 }).cooldownMs, 0);
    assert.equal(rulesFromSettings({ enabled: 'yes' }).enabled, true);
    assert.equal(rulesFromSettings({ cooldownSeconds: Infinity }).cooldownMs, DEFAULT_RULES.cooldownMs);
    assert.equal(rulesFromSettings({ cooldownSeconds: 1e12 }).cooldownMs, 86_400_000);
  });
});
