// A small HTTP client over keep-alive connections to the server under test (127.0.0.1 only).
import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function send(method: string, url: string, headers: Record<string, string>, body?: string): Promise<Response> {
  const target = new URL(url);
  if (target.hostname !== '127.0.0.1') throw new Error(`The benchmark only talks to 127.0.0.1, not ${target.hostname}.`);
  return new Promise((resolve, reject) => {
    const req = request(target, { method, agent, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

export const get = (url: string, headers: Record<string, string>) => send('GET', url, headers);

/** Signs in and returns the Cookie header to send with later requests. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await send('POST', baseUrl + '/api/auth/login', {}, JSON.stringify({ email, password }));
  if (res.status !== 200) throw new Error(`Signing in failed with ${res.status}: ${res.body}`);
  const cookies = [res.headers['set-cookie'] ?? []].flat();
  const session = cookies.map((c) => c.split(';')[0]!).find((c) => c.startsWith('trellis_session='));
  if (!session) throw new Error('Signing in returned no session cookie.');
  return session;
}

export function closeConnections() {
  agent.destroy();
}
