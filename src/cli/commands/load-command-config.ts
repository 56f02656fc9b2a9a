import { loadConfig, type TriplineConfig } from '../../config/load-config';
import { CONNECTOR_TYPES } from '../../connectors/registry';

/**
 * Loads a command's configuration and checks it has the section the command needs. Returns the reason
 * instead of throwing, so every command reports a bad config the same way (exit code 2, the reason on stderr).
 */
export function loadCommandConfig(
  file: string,
  section?: 'kafka' | 'elasticsearch',
): { config: TriplineConfig } | { error: string } {
  let config: TriplineConfig;
  try {
    config = loadConfig(
      file,
      CONNECTOR_TYPES.map((c) => c.id),
    );
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (section && !config[section]) return { error: `${file} has no '${section}' section` };
  return { config };
}
