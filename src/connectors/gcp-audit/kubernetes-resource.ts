/** `orchestrator.*` of a GKE audit entry, from its `resourceName` (`core/v1/namespaces/ml/pods/vllm-0`). */
export interface KubernetesResource {
  apiVersion?: string;
  namespace?: string;
  type?: string;
  name?: string;
}

export function parseKubernetesResourceName(resourceName: string | undefined): KubernetesResource {
  if (resourceName === undefined) return {};
  const parts = resourceName.split('/');
  const versionAt = parts.findIndex((p) => /^v\d+(?:(?:alpha|beta)\d+)?$/.test(p));
  if (versionAt < 0) return {};
  let i = versionAt + 1;
  const resource: KubernetesResource = { apiVersion: parts[versionAt] };
  if (parts[i] === 'namespaces' && parts.length > i + 2) {
    resource.namespace = parts[i + 1];
    i += 2;
  }
  resource.type = parts[i];
  resource.name = parts[i + 1];
  return resource;
}
