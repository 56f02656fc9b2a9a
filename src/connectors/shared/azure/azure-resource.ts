import { setField } from '../document-paths';
import type { EcsDocument } from '../../../core/normalized-event';

export interface AzureResource {
  /** The resource id, lowercased as Elastic's shared Azure pipeline writes it. */
  id: string;
  subscriptionId?: string;
  group?: string;
  /** `<namespace>/<type>`, e.g. `microsoft.cognitiveservices/accounts`. */
  provider?: string;
  name?: string;
}

const RESOURCE_ID =
  /^\/subscriptions\/([^/]+)(?:\/resourcegroups\/([^/]+))?(?:\/providers\/([^/]+\/[^/]+)\/([^/]+))?/;

/** Splits an ARM resource id (`/SUBSCRIPTIONS/<id>/RESOURCEGROUPS/<rg>/PROVIDERS/<ns>/<type>/<name>`). */
export function parseAzureResourceId(resourceId: string): AzureResource {
  const id = resourceId.toLowerCase();
  const match = RESOURCE_ID.exec(id);
  return {
    id,
    subscriptionId: match?.[1],
    group: match?.[2],
    provider: match?.[3],
    name: match?.[4],
  };
}

/** Writes `azure.resource.*`, `azure.subscription_id` and `cloud.*` as Elastic's Azure integrations do. */
export function setAzureResourceFields(
  d: EcsDocument,
  resourceId: string | undefined,
): AzureResource | undefined {
  setField(d, 'cloud.provider', 'azure');
  if (!resourceId) return undefined;
  const resource = parseAzureResourceId(resourceId);
  setField(d, 'azure.resource.id', resource.id);
  setField(d, 'azure.resource.group', resource.group);
  setField(d, 'azure.resource.provider', resource.provider);
  setField(d, 'azure.resource.name', resource.name);
  setField(d, 'azure.subscription_id', resource.subscriptionId);
  setField(d, 'cloud.account.id', resource.subscriptionId);
  return resource;
}

/** Azure writes `location` as a region name (`eastus`) or a display name (`East US`): both become `eastus`. */
export function azureRegion(location: unknown): string | undefined {
  return typeof location === 'string' && location !== ''
    ? location.replace(/\s+/g, '').toLowerCase()
    : undefined;
}
