/**
 * The Sigma product of a Defender for Endpoint event. Rows do not name the device's OS (only DeviceInfo
 * does), so it is read from the image path: drive letters and UNC paths are Windows; POSIX paths are
 * Linux unless they start where only macOS keeps programs. A heuristic: a Linux host with /Users/... or a
 * macOS process under /usr/bin is classified wrong (only its platform-specific rules are affected).
 */
const MACOS_ROOTS = /^\/(Applications|System|Library|Users|private|Volumes|opt\/homebrew)\//;

export function productOf(path: string | undefined): 'windows' | 'linux' | 'macos' {
  if (path === undefined || !path.startsWith('/')) return 'windows';
  return MACOS_ROOTS.test(path) ? 'macos' : 'linux';
}
