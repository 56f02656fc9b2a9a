/** ECS `event.type` per ARM operation kind (Elastic maps the diagnostic `category` the same way). */
const TYPES: Record<string, string[]> = {
  write: ['change'],
  action: ['change'],
  delete: ['deletion'],
  read: ['access'],
};

/**
 * Event category and types of an ARM operation. Every Activity log record is a control-plane API call
 * (`api`); role assignments, elevation and other `Microsoft.Authorization` operations are also `iam`.
 */
export function operationEventType(
  operationName: string | undefined,
  category: string | undefined,
): { category: string[]; type: string[] } {
  const kind = category?.toLowerCase() ?? '';
  const suffix = operationName?.split('/').pop()?.toLowerCase() ?? '';
  const type = TYPES[kind] ?? TYPES[suffix] ?? ['info'];
  const iam = operationName?.toLowerCase().startsWith('microsoft.authorization/') === true;
  return { category: iam ? ['api', 'iam'] : ['api'], type };
}
