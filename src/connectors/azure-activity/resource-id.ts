/** The parts of an ARM resource id, named as Elastic's Azure integration names them. */
export interface ResourceIdParts {
  subscriptionId?: string;
  group?: string;
  /** Provider namespace and resource type, e.g. `MICROSOFT.COGNITIVESERVICES/ACCOUNTS`. */
  provider?: string;
  /** The rest of the id after the provider: the resource name and any child types and names. */
  name?: string;
}

/**
 * Splits `/subscriptions/<id>/resourceGroups/<rg>/providers/<Namespace>/<type>/<name>[/...]` (any case:
 * the Activity log writes resource ids in upper case). Subscription-level ids (`/subscriptions/<id>` or
 * `/subscriptions/<id>/providers/<Namespace>/...`) give what they have.
 */
export function parseResourceId(resourceId: string): ResourceIdParts {
  const parts = resourceId.split('/').filter((p) => p !== '');
  const parsed: ResourceIdParts = {};
  let i = 0;
  if (parts[i]?.toLowerCase() === 'subscriptions') {
    parsed.subscriptionId = parts[i + 1];
    i += 2;
  }
  if (parts[i]?.toLowerCase() === 'resourcegroups') {
    parsed.group = parts[i + 1];
    i += 2;
  }
  if (parts[i]?.toLowerCase() === 'providers') {
    const namespace = parts[i + 1];
    const type = parts[i + 2];
    if (namespace !== undefined) parsed.provider = type !== undefined ? `${namespace}/${type}` : namespace;
    const rest = parts.slice(i + 3);
    if (rest.length > 0) parsed.name = rest.join('/');
  }
  return parsed;
}
