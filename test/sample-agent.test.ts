import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';

/** Starts the example app's agent container entry point on a free port and waits until it listens. */
async function startAgent(): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [path.join(__dirname, '..', 'bin', 'agent', 'server.js')], { env: { ...process.env, PORT: '0' } });
  const port = await new Promise<number>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      const m = /listening on (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    proc.on('exit', (code) => reject(new Error(`agent exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, proc };
}

describe('sample agent (bin/agent)', () => {
  let agent: { url: string; proc: ChildProcess };
  beforeAll(async () => { agent = await startAgent(); });
  afterAll(() => { agent.proc.kill('SIGTERM'); });

  test('GET /ping answers Healthy with a unix timestamp', async () => {
    const res = await fetch(`${agent.url}/ping`);
    expect(res.status).toBe(200);
    const body = await res.json() as any;
    expect(body.status).toBe('Healthy');
    expect(Number.isInteger(body.time_of_last_update)).toBe(true);
  });

  test('POST /invocations streams server-sent events, delta by delta', async () => {
    const res = await fetch(`${agent.url}/invocations`, { method: 'POST', body: JSON.stringify({ prompt: 'hello agent core' }) });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const chunks: string[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(decoder.decode(r.value));
    expect(chunks.length).toBeGreaterThan(1);
    const events = chunks.join('').split('\n\n').filter(Boolean).map((e) => JSON.parse(e.replace(/^data: /, '')));
    expect(events.at(-1)).toEqual({ type: 'done' });
    expect(events.slice(0, -1).map((e) => e.text).join('')).toBe('You said: hello agent core');
  });

  test('a body that is not JSON is a 400 with a readable error', async () => {
    const res = await fetch(`${agent.url}/invocations`, { method: 'POST', body: 'not json' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error).toMatch(/must be JSON/);
  });

  test('unknown routes are 404', async () => {
    expect((await fetch(`${agent.url}/nope`)).status).toBe(404);
  });
});
