/* eslint-disable @typescript-eslint/no-explicit-any -- tests inspect wire JSON ad hoc */
import * as assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../server';
import { call, makeAdmin, watch, within } from './helpers';

const LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
const ONE = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';
/** What client-go's metadata client sends for a watch. */
const WATCH_ACCEPT = `application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,${ONE},application/json`;
const SECRETS = '/api/v1/namespaces/web/secrets';

function secret(name: string): any {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace: 'web',
      labels: { app: 'web' },
      managedFields: [{ manager: 'kubectl', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1' }],
    },
    type: 'Opaque',
    data: { password: Buffer.from('hunter2').toString('base64') },
  };
}

describe('test server: PartialObjectMetadata', () => {
  let server: TestServer;
  let token: string;

  beforeEach(async () => {
    server = await startTestServer();
    token = makeAdmin(server);
    server.create(secret('db'));
    server.create(secret('api'));
  });
  afterEach(() => server.stop());

  it('lists metadata only: PartialObjectMetadataList of PartialObjectMetadata, managedFields kept, no data', async () => {
    const r = await call(server, `${SECRETS}?limit=1`, {
      token,
      headers: { Accept: `${LIST},application/json` },
    });
    assert.equal(r.status, 200);
    assert.equal(r.body.kind, 'PartialObjectMetadataList');
    assert.equal(r.body.apiVersion, 'meta.k8s.io/v1');
    assert.ok(r.body.metadata.resourceVersion);
    assert.ok(r.body.metadata.continue, 'paging metadata is kept');
    assert.equal(r.body.items.length, 1);
    const item = r.body.items[0];
    assert.deepEqual(Object.keys(item).sort(), ['apiVersion', 'kind', 'metadata']);
    assert.equal(item.kind, 'PartialObjectMetadata');
    assert.equal(item.apiVersion, 'meta.k8s.io/v1');
    assert.equal(item.metadata.name, 'api');
    assert.equal(item.metadata.managedFields[0].manager, 'kubectl');
    assert.doesNotMatch(r.text, /hunter2|aHVudGVyMg/, 'no secret data on the wire');
  });

  it('gets one object as PartialObjectMetadata', async () => {
    const r = await call(server, `${SECRETS}/db`, { token, headers: { Accept: ONE } });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body).sort(), ['apiVersion', 'kind', 'metadata']);
    assert.equal(r.body.kind, 'PartialObjectMetadata');
    assert.equal(r.body.metadata.labels.app, 'web');
  });

  it('answers 406 for the single form on a list, the list form on one object, and nothing acceptable', async () => {
    const a = await call(server, SECRETS, { token, headers: { Accept: ONE } });
    assert.equal(a.status, 406);
    assert.equal(
      a.body.message,
      'you requested PartialObjectMetadata, but the requested object is a list (*v1.SecretList)',
    );
    const b = await call(server, `${SECRETS}/db`, { token, headers: { Accept: LIST } });
    assert.equal(b.status, 406);
    assert.match(b.body.message, /requested object is not a list \(\*v1\.Secret\)/);
    const c = await call(server, SECRETS, {
      token,
      headers: { Accept: 'application/vnd.kubernetes.protobuf' },
    });
    assert.equal(c.status, 406);
  });

  it('watches metadata only: events are PartialObjectMetadata', async () => {
    const rv = server.currentResourceVersion();
    const w = await watch(server, `${SECRETS}?watch=true&resourceVersion=${rv}`, {
      token,
      headers: { Accept: WATCH_ACCEPT },
    });
    server.create(secret('late'));
    const [added] = await w.waitFor(1);
    assert.equal(added!.type, 'ADDED');
    assert.deepEqual(Object.keys(added!.object).sort(), ['apiVersion', 'kind', 'metadata']);
    assert.equal(added!.object.kind, 'PartialObjectMetadata');
    assert.equal(added!.object.metadata.name, 'late');
    assert.doesNotMatch(JSON.stringify(w.events), /aHVudGVyMg/);
    w.close();
  });

  it('sends the initial-events-end bookmark of a watch-list as PartialObjectMetadata', async () => {
    const w = await watch(
      server,
      `${SECRETS}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`,
      { token, headers: { Accept: WATCH_ACCEPT } },
    );
    const events = await w.waitFor(3);
    assert.deepEqual(
      events.map((e) => `${e.type} ${e.object.kind} ${e.object.metadata.name ?? ''}`),
      [
        'ADDED PartialObjectMetadata api',
        'ADDED PartialObjectMetadata db',
        'BOOKMARK PartialObjectMetadata ',
      ],
    );
    assert.equal(events[2]!.object.apiVersion, 'meta.k8s.io/v1');
    assert.equal(events[2]!.object.metadata.annotations['k8s.io/initial-events-end'], 'true');
    w.close();
  });

  it('ends a watch that asked for the list form, at its first event (no object converts to a list)', async () => {
    const w = await watch(server, `${SECRETS}?watch=true`, { token, headers: { Accept: LIST } });
    assert.equal(w.status, 200);
    assert.equal(await within(w.ended, 2000, 'the watch to end'), 'end');
    assert.equal(w.events.length, 0);
  });
});
