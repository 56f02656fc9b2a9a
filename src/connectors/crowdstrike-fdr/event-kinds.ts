import type { EventLogsource } from '../../core/event';
import type { EventCategorization } from '../shared/event-categorization';

export type FdrEventKind = 'process' | 'network' | 'dns';

/** The event types with a Sigma category. The many others (heartbeats, file writes...) get none. */
const KINDS: Readonly<Record<string, FdrEventKind>> = {
  ProcessRollup2: 'process',
  SyntheticProcessRollup2: 'process',
  NetworkConnectIP4: 'network',
  NetworkConnectIP6: 'network',
  NetworkReceiveAcceptIP4: 'network',
  NetworkReceiveAcceptIP6: 'network',
  DnsRequest: 'dns',
};

export function fdrEventKind(simpleName: string): FdrEventKind | undefined {
  return KINDS[simpleName];
}

const SIGMA_CATEGORY: Readonly<Record<FdrEventKind, string>> = {
  process: 'process_creation',
  network: 'network_connection',
  dns: 'dns_query',
};

export function sigmaCategoryOf(kind: FdrEventKind | undefined): string[] {
  return kind === undefined ? [] : [SIGMA_CATEGORY[kind]];
}

/** ECS categorization by kind (Elastic's crowdstrike.fdr choices). */
export const ECS_CATEGORIZATION: Readonly<Record<FdrEventKind, EventCategorization>> = {
  process: { category: ['process'], type: ['start'] },
  network: { category: ['network'], type: ['connection', 'start'] },
  dns: { category: ['network'], type: ['protocol', 'info'] },
};

/** `event_platform` → Sigma product. */
const PRODUCTS: Readonly<Record<string, string>> = { Win: 'windows', Lin: 'linux', Mac: 'macos' };

/**
 * The Sigma product: from `event_platform`, else from the image path (device paths are Windows, POSIX
 * paths are taken for Linux), else none (then only product-less rules could apply).
 */
export function productOf(platform: string | undefined, imagePath: string | undefined): string | undefined {
  const known = platform === undefined ? undefined : PRODUCTS[platform];
  if (known) return known;
  if (imagePath?.startsWith('\\') || /^[A-Za-z]:\\/.test(imagePath ?? '')) return 'windows';
  if (imagePath?.startsWith('/')) return 'linux';
  return undefined;
}

export const FDR_LOGSOURCES: readonly EventLogsource[] = ['windows', 'linux', 'macos'].flatMap((product) => [
  ...Object.values(SIGMA_CATEGORY).map((category) => ({ product, categories: [category], services: [] })),
  { product, categories: [], services: [] },
]);
