/** ECS categorisation of an OpenAI audit-log `type` (`<resource>.<verb>`, e.g. `api_key.created`). */
export interface AuditEventClass {
  category: string[];
  type: string[];
  outcome: 'success' | 'failure';
}

/** Identity resources, with the ECS `event.type` naming what kind of identity object changed. */
const IAM_RESOURCES = new Map<string, string | undefined>([
  ['api_key', undefined],
  ['service_account', 'user'],
  ['user', 'user'],
  ['invite', 'user'],
  ['group', 'group'],
  ['role', 'admin'],
  ['role.assignment', 'admin'],
  ['scim', 'admin'],
]);

export function classifyAuditType(type: string): AuditEventClass {
  const dot = type.lastIndexOf('.');
  const resource = dot > 0 ? type.slice(0, dot) : type;
  const verb = dot > 0 ? type.slice(dot + 1) : '';
  const outcome = verb === 'failed' ? 'failure' : 'success';
  if (resource === 'login' || resource === 'logout') {
    return { category: ['authentication'], type: [resource === 'login' ? 'start' : 'end'], outcome };
  }
  const change = verbType(verb);
  if (IAM_RESOURCES.has(resource)) {
    const subject = IAM_RESOURCES.get(resource);
    return { category: ['iam'], type: subject ? [subject, change] : [change], outcome };
  }
  // Projects, rate limits, IP allowlists, certificates, organization settings, key/identity providers...
  return { category: ['configuration'], type: [change], outcome };
}

/** ECS `event.type` of the verb; activation toggles are changes to a configuration. */
function verbType(verb: string): string {
  switch (verb) {
    case 'created':
    case 'added':
    case 'registered':
    case 'sent':
      return 'creation';
    case 'deleted':
    case 'removed':
    case 'archived':
      return 'deletion';
    case 'updated':
    case 'accepted':
    case 'activated':
    case 'deactivated':
    case 'enabled':
    case 'disabled':
      return 'change';
    default:
      return 'info';
  }
}

/** Elastic's OpenAI integration writes `event.action` as the type lowercased with dots turned into dashes. */
export function elasticAction(type: string): string {
  return type.toLowerCase().split('.').join('-');
}
