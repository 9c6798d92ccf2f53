import * as assert from 'node:assert/strict';
import { KubeConfig } from '@kubernetes/client-node';
describe('smoke', () => {
  it('loads client-node', () => {
    const kc = new KubeConfig();
    kc.loadFromString(
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://x"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n',
    );
    assert.equal(kc.getCurrentContext(), 'x');
  });
});
