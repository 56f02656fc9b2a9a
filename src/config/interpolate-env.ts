/** A `${NAME}` or `${NAME:-default}` reference in a configuration string. `$${` writes a literal `${`. */
const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface MissingVariable {
  name: string;
  path: (string | number)[];
}

/**
 * Replaces environment references in every string of a parsed configuration. Unset variables without a
 * default are collected (with where they were used), not replaced by an empty string.
 */
export function interpolateEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  missing: MissingVariable[],
  path: (string | number)[] = [],
): unknown {
  if (typeof value === 'string') {
    return value.replace(REFERENCE, (match, name: string | undefined, fallback: string | undefined) => {
      if (match === '$${') return '${';
      const resolved = env[name as string];
      if (resolved !== undefined && resolved !== '') return resolved;
      if (fallback !== undefined) return fallback;
      missing.push({ name: name as string, path });
      return '';
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => interpolateEnv(item, env, missing, [...path, i]));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      out[key] = interpolateEnv(item, env, missing, [...path, key]);
    return out;
  }
  return value;
}
