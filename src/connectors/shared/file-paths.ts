import type { EcsDocument } from '../../core/normalized-event';
import { setField } from './document-paths';

/** The last segment of a Windows, device (`\Device\HarddiskVolume3\...`) or POSIX path. */
export function baseName(path: string | undefined): string | undefined {
  const name = path?.split(/[\\/]/).pop();
  return name === '' ? undefined : name;
}

/**
 * `<at>.executable` and `<at>.name` of a process image: the name the source gives, else the image's
 * file name (Sigma's `Image|endswith` rules and ECS `process.name` want both).
 */
export function setProcessImage(
  d: EcsDocument,
  at: 'process' | 'process.parent',
  executable: string | undefined,
  name?: string,
): void {
  setField(d, `${at}.executable`, executable);
  setField(d, `${at}.name`, name ?? baseName(executable));
}
