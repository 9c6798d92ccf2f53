import * as assert from 'node:assert/strict';
import { INVOLVED_UID_INDEX, OWNER_UID_INDEX } from '../../../src/core/cache/indexers';
import { kindIndexers } from '../../../src/core/cluster/kindIndexers';
import { CONFIG_MAPS, EVENTS, PODS, SECRETS } from '../../../src/core/kinds';
import { UID_INDEX } from '../../../src/core/resources/ownership';

const names = (r: Record<string, unknown>) => Object.keys(r).sort();

describe('kindIndexers', () => {
  it('gives Events the involved-object index only', () => {
    assert.deepEqual(names(kindIndexers(EVENTS, { eager: true, metadataOnly: false })), [INVOLVED_UID_INDEX]);
  });

  it('gives eager kinds the owner and uid indexes (createOwnerLookup reads them)', () => {
    assert.deepEqual(
      names(kindIndexers(PODS, { eager: true, metadataOnly: false })),
      [OWNER_UID_INDEX, UID_INDEX].sort(),
    );
  });

  it('gives a lazy kind the owner index only (explanations read children by owner)', () => {
    assert.deepEqual(names(kindIndexers(CONFIG_MAPS, { eager: false, metadataOnly: false })), [
      OWNER_UID_INDEX,
    ]);
  });

  it('gives a metadata-only kind no index beyond the namespace one', () => {
    assert.deepEqual(names(kindIndexers(SECRETS, { eager: false, metadataOnly: true })), []);
  });

  it('indexes what it says: owner uids and uids of an object', () => {
    const ix = kindIndexers(PODS, { eager: true, metadataOnly: false });
    const pod = {
      metadata: {
        name: 'p',
        uid: 'u-p',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u-rs' }],
      },
    };
    assert.deepEqual(ix[OWNER_UID_INDEX]!(pod), ['u-rs']);
    assert.deepEqual(ix[UID_INDEX]!(pod), ['u-p']);
  });
});
