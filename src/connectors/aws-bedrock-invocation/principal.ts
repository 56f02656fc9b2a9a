/**
 * The name of the principal an IAM/STS ARN names, as Elastic's AWS integration writes `user.name`:
 * the user name for IAM users, the role name for assumed roles (`assumed-role/<role>/<session>`), `root`.
 */
export function principalName(arn: string): string | undefined {
  const resource = /^arn:aws[\w-]*:(?:iam|sts)::\d*:(.+)$/.exec(arn)?.[1];
  if (!resource) return undefined;
  if (resource === 'root') return 'root';
  const [type, ...path] = resource.split('/');
  if (path.length === 0) return undefined;
  if (type === 'assumed-role') return path[0];
  return path[path.length - 1];
}
