/**
 * kubeconfigCa: reads the clusters' certificate-authority files once, when the kubeconfig is
 * loaded, asynchronously and with bounds, so that connecting (clusterTls and client-node, both
 * synchronous) never reads a file on the extension host's thread.
 */
import { CREDENTIAL_FILE_MAX_BYTES, readBoundedFile } from './boundedFile';
import type { MergedKubeconfig } from './kubeconfig';

/**
 * inlineCaFiles replaces each cluster's `certificate-authority` file by its content as
 * `certificate-authority-data`, read here asynchronously with bounds, so that connecting later
 * (clusterTls, synchronous) never reads a file. Returns the clusters whose file cannot be read,
 * with why: their contexts get that error.
 */
export async function inlineCaFiles(config: MergedKubeconfig): Promise<Map<string, string>> {
  const errors = new Map<string, string>();
  await Promise.all(
    config.clusters.map(async (entry) => {
      const c = entry.cluster as Record<string, unknown>;
      const file = c['certificate-authority'];
      if (typeof file !== 'string' || file === '' || c['certificate-authority-data']) return;
      try {
        const data = await readBoundedFile(file, CREDENTIAL_FILE_MAX_BYTES);
        entry.cluster = { ...c, 'certificate-authority-data': data.toString('base64') };
        delete (entry.cluster as Record<string, unknown>)['certificate-authority'];
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        const why = e.name === 'FileBoundError' ? e.message : `${file} (${e.code ?? 'error'})`;
        errors.set(entry.name, `cluster "${entry.name}": cannot read certificate-authority ${why}`);
      }
    }),
  );
  return errors;
}
