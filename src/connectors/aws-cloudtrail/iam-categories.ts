/** ECS event category and types for the IAM and sign-in actions Elastic's AWS integration recategorizes. */
const CATEGORIES: Record<string, { category: string[]; type: string[] }> = {
  ConsoleLogin: { category: ['authentication'], type: ['info'] },
  CreateAccessKey: { category: ['iam'], type: ['user', 'change'] },
  UpdateAccessKey: { category: ['iam'], type: ['user', 'change'] },
  DeleteAccessKey: { category: ['iam'], type: ['user', 'deletion'] },
  CreateUser: { category: ['iam'], type: ['user', 'creation'] },
  DeleteUser: { category: ['iam'], type: ['user', 'deletion'] },
  AttachUserPolicy: { category: ['iam'], type: ['user', 'change'] },
  PutUserPolicy: { category: ['iam'], type: ['user', 'change'] },
  CreateRole: { category: ['iam'], type: ['creation'] },
  AttachRolePolicy: { category: ['iam'], type: ['change'] },
  CreateLoginProfile: { category: ['iam'], type: ['user', 'creation'] },
  AddUserToGroup: { category: ['iam'], type: ['group', 'change'] },
  CreateServiceSpecificCredential: { category: ['iam'], type: ['user', 'creation'] },
  DeleteServiceSpecificCredential: { category: ['iam'], type: ['user', 'deletion'] },
};

export function iamEventCategory(eventName: string): { category: string[]; type: string[] } | undefined {
  return CATEGORIES[eventName];
}
