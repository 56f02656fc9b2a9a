/**
 * Whether a container engine answers, found by asking testcontainers for a runtime client (it pings the
 * daemon through DOCKER_HOST, the unix socket, rootless sockets, …). The `docker` binary being on PATH means
 * nothing: CI machines have the client without an engine. A failed lookup is not cached by testcontainers.
 */
export interface DockerRuntime {
  /** Host name or address where mapped container ports are reachable. */
  host: string;
}

let cached: Promise<DockerRuntime | null> | undefined;

export function dockerAvailable(timeoutMs = 5_000): Promise<DockerRuntime | null> {
  cached ??= probe(timeoutMs);
  return cached;
}

async function probe(timeoutMs: number): Promise<DockerRuntime | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
    timer.unref();
  });
  const lookup = (async (): Promise<DockerRuntime | null> => {
    try {
      const { getContainerRuntimeClient } = await import('testcontainers');
      const client = await getContainerRuntimeClient();
      return { host: client.info.containerRuntime.host };
    } catch {
      return null;
    }
  })();
  try {
    return await Promise.race([lookup, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
