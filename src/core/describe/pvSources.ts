/**
 * pvSources: the `Source:` block of `kubectl describe pv` (the switch in describePersistentVolume
 * and its print*PersistentVolumeSource helpers): one entry per volume source, in kubectl's order,
 * each printing kubectl's Type line and fields with Go's `%v` rendering of their values.
 */

import { goValue, has, int, rec, str, strMap, strings, type Rec } from './fields';
import { byString } from './format';
import { type DescribeWriter, LEVEL_1, LEVEL_2 } from './printer';

/** Field is one `    Label:\t%v` line: its label and how to read its value. */
type Field = [label: string, read: (v: Rec) => string];

const s = (field: string) => (v: Rec) => str(v[field]);
const b = (field: string) => (v: Rec) => String(v[field] === true);
const n = (field: string) => (v: Rec) => String(int(v[field]) ?? 0);
const list = (field: string) => (v: Rec) => `[${strings(v[field]).join(' ')}]`;
/** ref prints a *SecretReference / *LocalObjectReference as Go's `%v` does: `&{name ns}` or `<nil>`. */
const ref =
  (field: string, withNamespace: boolean) =>
  (v: Rec): string => {
    if (!has(v[field])) return '<nil>';
    const r = rec(v[field]);
    return withNamespace ? `&{${str(r.name)} ${str(r.namespace)}}` : `&{${str(r.name)}}`;
  };
/** ptr prints a *string / *bool field as kubectl dereferences it ("" / false when unset). */
const ptrStr = (field: string) => (v: Rec) => str(v[field]);

interface Source {
  field: string;
  type: string;
  fields: Field[];
}

const GCE: Field[] = [
  ['PDName', s('pdName')],
  ['FSType', s('fsType')],
  ['Partition', n('partition')],
  ['ReadOnly', b('readOnly')],
];

/** SOURCES lists the PersistentVolume sources in the order kubectl's switch tests them. */
const SOURCES: Source[] = [
  {
    field: 'hostPath',
    type: 'HostPath (bare host directory volume)',
    fields: [
      ['Path', s('path')],
      ['HostPathType', (v) => (typeof v.type === 'string' ? v.type : '<none>')],
    ],
  },
  {
    field: 'gcePersistentDisk',
    type: 'GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)',
    fields: GCE,
  },
  {
    field: 'awsElasticBlockStore',
    type: 'AWSElasticBlockStore (a Persistent Disk resource in AWS)',
    fields: [['VolumeID', s('volumeID')], ...GCE.slice(1)],
  },
  {
    field: 'nfs',
    type: 'NFS (an NFS mount that lasts the lifetime of a pod)',
    fields: [
      ['Server', s('server')],
      ['Path', s('path')],
      ['ReadOnly', b('readOnly')],
    ],
  },
  {
    field: 'iscsi',
    type: "ISCSI (an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod)",
    fields: [
      ['TargetPortal', s('targetPortal')],
      ['IQN', s('iqn')],
      ['Lun', n('lun')],
      // kubectl's format has no colon after ISCSIInterface.
      ['ISCSIInterface\u0000', s('iscsiInterface')],
      ['FSType', s('fsType')],
      ['ReadOnly', b('readOnly')],
      ['Portals', list('portals')],
      ['DiscoveryCHAPAuth', b('chapAuthDiscovery')],
      ['SessionCHAPAuth', b('chapAuthSession')],
      ['SecretRef', ref('secretRef', true)],
      ['InitiatorName', (v) => (typeof v.initiatorName === 'string' ? v.initiatorName : '<none>')],
    ],
  },
  {
    field: 'glusterfs',
    type: "Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)",
    fields: [
      ['EndpointsName', s('endpoints')],
      [
        'EndpointsNamespace',
        (v) => (typeof v.endpointsNamespace === 'string' ? v.endpointsNamespace : '<unset>'),
      ],
      ['Path', s('path')],
      ['ReadOnly', b('readOnly')],
    ],
  },
  {
    field: 'rbd',
    type: "RBD (a Rados Block Device mount on the host that shares a pod's lifetime)",
    fields: [
      ['CephMonitors', list('monitors')],
      ['RBDImage', s('image')],
      ['FSType', s('fsType')],
      ['RBDPool', s('pool')],
      ['RadosUser', s('user')],
      ['Keyring', s('keyring')],
      ['SecretRef', ref('secretRef', true)],
      ['ReadOnly', b('readOnly')],
    ],
  },
  {
    field: 'quobyte',
    type: "Quobyte (a Quobyte mount on the host that shares a pod's lifetime)",
    fields: [
      ['Registry', s('registry')],
      ['Volume', s('volume')],
      ['ReadOnly', b('readOnly')],
    ],
  },
  {
    field: 'vsphereVolume',
    type: 'vSphereVolume (a Persistent Disk resource in vSphere)',
    fields: [
      ['VolumePath', s('volumePath')],
      ['FSType', s('fsType')],
      ['StoragePolicyName', s('storagePolicyName')],
    ],
  },
  {
    field: 'cinder',
    type: 'Cinder (a Persistent Disk resource in OpenStack)',
    fields: [
      ['VolumeID', s('volumeID')],
      ['FSType', s('fsType')],
      ['ReadOnly', b('readOnly')],
      ['SecretRef', ref('secretRef', true)],
    ],
  },
  {
    field: 'azureDisk',
    type: 'AzureDisk (an Azure Data Disk mount on the host and bind mount to the pod)',
    fields: [
      ['DiskName', s('diskName')],
      ['DiskURI', s('diskURI')],
      // kubectl's format has a space after "Kind:".
      ['Kind: \u0000', ptrStr('kind')],
      ['FSType', ptrStr('fsType')],
      ['CachingMode', ptrStr('cachingMode')],
      ['ReadOnly', b('readOnly')],
    ],
  },
  {
    field: 'photonPersistentDisk',
    type: 'PhotonPersistentDisk (a Persistent Disk resource in photon platform)',
    fields: [
      ['PdID', s('pdID')],
      ['FSType', s('fsType')],
    ],
  },
  {
    field: 'portworxVolume',
    type: 'PortworxVolume (a Portworx Volume resource)',
    fields: [['VolumeID', s('volumeID')]],
  },
  {
    field: 'scaleIO',
    type: 'ScaleIO (a persistent volume backed by a block device in ScaleIO)',
    fields: [
      ['Gateway', s('gateway')],
      ['System', s('system')],
      ['Protection Domain', s('protectionDomain')],
      ['Storage Pool', s('storagePool')],
      ['Storage Mode', s('storageMode')],
      ['VolumeName', s('volumeName')],
      ['SecretName', (v) => str(rec(v.secretRef).name)],
      ['SecretNamespace', (v) => str(rec(v.secretRef).namespace)],
      ['FSType', s('fsType')],
      ['ReadOnly', b('readOnly')],
    ],
  },
  {
    field: 'local',
    type: 'LocalVolume (a persistent volume backed by local storage on a node)',
    fields: [['Path', s('path')]],
  },
  {
    field: 'cephfs',
    type: "CephFS (a CephFS mount on the host that shares a pod's lifetime)",
    fields: [
      ['Monitors', list('monitors')],
      ['Path', s('path')],
      ['User', s('user')],
      ['SecretFile', s('secretFile')],
      ['SecretRef', ref('secretRef', true)],
      ['ReadOnly', b('readOnly')],
    ],
  },
  {
    field: 'storageos',
    type: 'StorageOS (a StorageOS Persistent Disk resource)',
    fields: [
      ['VolumeName', s('volumeName')],
      ['VolumeNamespace', s('volumeNamespace')],
      ['FSType', s('fsType')],
      ['ReadOnly', b('readOnly')],
    ],
  },
  {
    field: 'fc',
    type: 'FC (a Fibre Channel disk)',
    fields: [
      ['TargetWWNs', (v) => strings(v.targetWWNs).join(', ')],
      ['LUN', (v) => (int(v.lun) === undefined ? '<none>' : String(int(v.lun)))],
      ['FSType', s('fsType')],
      ['ReadOnly', b('readOnly')],
    ],
  },
  {
    field: 'azureFile',
    type: 'AzureFile (an Azure File Service mount on the host and bind mount to the pod)',
    fields: [
      ['SecretName', s('secretName')],
      ['SecretNamespace', s('secretNamespace')],
      ['ShareName', s('shareName')],
      ['ReadOnly', b('readOnly')],
    ],
  },
  {
    field: 'flexVolume',
    type: 'FlexVolume (a generic volume resource that is provisioned/attached using an exec based plugin)',
    fields: [
      ['Driver', s('driver')],
      ['FSType', s('fsType')],
      ['SecretRef', ref('secretRef', true)],
      ['ReadOnly', b('readOnly')],
      ['Options', (v) => goValue(strMap(v.options))],
    ],
  },
  {
    field: 'flocker',
    type: 'Flocker (a Flocker volume mounted by the Flocker agent)',
    fields: [
      ['DatasetName', s('datasetName')],
      ['DatasetUUID', s('datasetUUID')],
    ],
  },
  {
    field: 'csi',
    type: 'CSI (a Container Storage Interface (CSI) volume source)',
    fields: [
      ['Driver', s('driver')],
      ['FSType', s('fsType')],
      ['VolumeHandle', s('volumeHandle')],
      ['ReadOnly', b('readOnly')],
    ],
  },
];

const MAX_ANNOTATION_LEN = 140;

/** csiAttributes is printCSIPersistentVolumeAttributesMultiline: sorted `k=v`, each cut at 140 bytes + "...". */
function csiAttributes(w: DescribeWriter, attributes: unknown): void {
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const m = strMap(attributes);
  const keys = Object.keys(m).sort(byString);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${key}=${m[key]}`;
    w.write(
      LEVEL_2,
      line.length > MAX_ANNOTATION_LEN ? `${line.slice(0, MAX_ANNOTATION_LEN)}...\n` : `${line}\n`,
    );
  });
}

/** describePersistentVolumeSource writes the lines under `Source:`; `<unknown>` for a source kubectl does not know. */
export function describePersistentVolumeSource(w: DescribeWriter, spec: Rec): void {
  const source = SOURCES.find((x) => has(spec[x.field]));
  if (!source) {
    w.write(LEVEL_1, '<unknown>\n');
    return;
  }
  const v = rec(spec[source.field]);
  let text = `Type:\t${source.type}\n`;
  for (const [label, read] of source.fields) {
    const sep = label.endsWith('\u0000') ? '' : ':';
    text += `    ${label.replace('\u0000', '')}${sep}\t${read(v)}\n`;
  }
  w.write(LEVEL_2, text);
  if (source.field === 'csi') csiAttributes(w, v.volumeAttributes);
}
