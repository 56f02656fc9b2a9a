/** ECS `event.type` of an API verb. */
const VERB_TYPES: Record<string, string> = {
  create: 'creation',
  delete: 'deletion',
  deletecollection: 'deletion',
  update: 'change',
  patch: 'change',
  get: 'access',
  list: 'access',
  watch: 'access',
};

/** API groups of identities and permissions. */
const IAM_GROUPS = new Set(['rbac.authorization.k8s.io', 'authorization.k8s.io', 'authentication.k8s.io']);

/**
 * Every audit event is an API call (`api`); RBAC, access reviews, token reviews and service accounts are
 * also `iam`. The authorizer's decision adds `allowed`/`denied` when the policy logged it.
 */
export function auditEventType(
  verb: string,
  apiGroup: string | undefined,
  resource: string | undefined,
  decision: string | undefined,
): { category: string[]; type: string[] } {
  const iam = (apiGroup !== undefined && IAM_GROUPS.has(apiGroup)) || resource === 'serviceaccounts';
  const type = [VERB_TYPES[verb] ?? 'info'];
  if (decision === 'allow') type.push('allowed');
  else if (decision === 'forbid') type.push('denied');
  return { category: iam ? ['api', 'iam'] : ['api'], type };
}
