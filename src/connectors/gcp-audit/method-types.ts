/**
 * ECS event category and types of an audited API call. Every audit entry is an API call (`api`); IAM
 * and credential services are also `iam`. The type follows the method's verb (`...Service.CreateKey`,
 * `storage.buckets.list`, `io.k8s.core.v1.secrets.create`), and the authorization decisions when they
 * were logged.
 */
export function auditEventType(
  serviceName: string | undefined,
  methodName: string | undefined,
  granted: readonly boolean[],
): { category: string[]; type: string[] } {
  const iam =
    serviceName === 'iam.googleapis.com' ||
    serviceName === 'iamcredentials.googleapis.com' ||
    serviceName === 'sts.googleapis.com' ||
    methodName?.endsWith('SetIamPolicy') === true;
  const type = [verbType(methodName)];
  if (granted.length > 0) type.push(granted.every(Boolean) ? 'allowed' : 'denied');
  return { category: iam ? ['api', 'iam'] : ['api'], type };
}

function verbType(methodName: string | undefined): string {
  const verb = methodName?.split('.').pop()?.toLowerCase() ?? '';
  if (/^(create|insert|add|undelete)/.test(verb)) return 'creation';
  if (/^(delete|remove|destroy)/.test(verb)) return 'deletion';
  if (/^(update|patch|set|replace|enable|disable|modify|move|rotate|deploy|undeploy)/.test(verb))
    return 'change';
  if (
    /^(get|list|search|read|query|lookup|watch|aggregatedlist|generate|streamgenerate|predict|rawpredict|count|embed)/.test(
      verb,
    )
  )
    return 'access';
  return 'info';
}
