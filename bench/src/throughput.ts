// Requests per second under a mixed read load from concurrent clients (autocannon).
import autocannon from 'autocannon';

export interface ThroughputResult {
  requestsPerSecond: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  latencyP50: number;
  latencyP97_5: number;
  latencyP99: number;
  seconds: number;
}

export async function measureThroughput(
  baseUrl: string,
  cookie: string,
  nextPath: () => string,
  opts: { connections: number; seconds: number },
): Promise<ThroughputResult> {
  if (new URL(baseUrl).hostname !== '127.0.0.1') throw new Error('The benchmark only loads 127.0.0.1.');
  const result = await autocannon({
    url: baseUrl,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 10,
    headers: { cookie },
    // Each request picks its own path, so the load mixes kinds and units.
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: nextPath() }) }],
  });
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    latencyP50: result.latency.p50,
    latencyP97_5: result.latency.p97_5,
    latencyP99: result.latency.p99,
    seconds: result.duration,
  };
}
