/**
 * Field names (compared lowercase without punctuation, so `x-api-key`, `AZURE_OPENAI_API_KEY` and
 * `apiKey` are one) whose string values are secrets: app settings, env vars, request bodies echoed by
 * control-plane audit logs. Ids and names of keys (`accessKeyId`, `keyName`) are not.
 */
const SECRET_NAME =
  /(password|passwd|secret|token|apikey|accesskey|privatekey|privatekeydata|subscriptionkey|connectionstring|sastoken|sharedaccesssignature|sharedaccesskey|credential|credentials)$|^(authorization|proxyauthorization|key1|key2|primarykey|secondarykey|keystring|sig)$/;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/**
 * HTTP header and query-parameter names that carry credentials: `Authorization`, cookies, provider key
 * headers (`x-api-key`, `api-key`, `Ocp-Apim-Subscription-Key`), key-auth's `apikey`, SAS `sig`, OAuth
 * `code` and `*_token`. Kept apart from {@link isSecretName}: `key` and `code` are credentials as
 * parameters but ordinary fields elsewhere (`status.code`).
 */
export function isCredentialParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    /^(authorization|proxy-authorization|cookie|set-cookie|key|code|sig|signature)$/.test(lower) ||
    /^(ocp-apim-subscription-key|subscription-key|x-functions-key)$/.test(lower) ||
    /(^|[-_])(api[-_]?key|apikey|secret|password|token)$/.test(lower)
  );
}

/**
 * The credential inside a header-like value: the token of `Bearer <token>` (also `Basic`, and Azure's
 * `SharedAccessSignature`), else the value itself, so the same credential seen in a header and elsewhere
 * gives the same fingerprint.
 */
export function credentialOf(value: string): string {
  return value.trim().replace(/^(?:Bearer|Basic|SharedAccessSignature)\s+/i, '');
}
