/**
 * The HTTP side of the emulator: reads a request, routes it, records it, applies faults and idempotency, runs the
 * operation and writes the restJson1 answer (`x-amzn-requestid`, `x-amzn-errortype` + `{"message","__type"}` on errors).
 */
import { randomUUID } from 'crypto';
import { createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { cannotParse, ServiceError } from './errors';
import { FaultTable } from './faults';
import { fingerprint, IdempotencyLedger } from './idempotency';
import { Handler, matchRoute, OpRequest, Reply, Route } from './routes';
import { CallRecord } from './types';

const CONTROL_NAMESPACE = 'com.amazonaws.bedrockagentcorecontrol';
const DATA_NAMESPACE = 'com.amazonaws.bedrockagentcore';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the server needs from the emulator. */
export interface ServerDeps {
  readonly handlers: Readonly<Record<string, Handler>>;
  readonly faults: FaultTable;
  readonly ledger: IdempotencyLedger;
  /** Every request is appended here. */
  readonly calls: CallRecord[];
}

/** Parsed pieces of a request. */
interface Incoming {
  readonly call: CallRecord;
  readonly route?: Route;
  readonly request: OpRequest;
  readonly bodyError?: string;
}

/** An HTTP/1.1 server on 127.0.0.1 and a random port. */
export class EmulatorServer {
  private readonly server: Server;

  constructor(private readonly deps: ServerDeps) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        if (!res.headersSent) this.writeError(res, new ServiceError('InternalServerException', `Emulator failure: ${err}`), CONTROL_NAMESPACE);
        else res.destroy();
      });
    });
  }

  /** Starts listening; resolves with 'http://127.0.0.1:<port>'. */
  public async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Stops listening and drops open connections. */
  public async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const incoming = this.parse(req, raw);
    const { call, route } = incoming;
    this.deps.calls.push(call);
    const namespace = route?.dataPlane ? DATA_NAMESPACE : CONTROL_NAMESPACE;

    const fault = this.deps.faults.take(call);
    let outcome: Reply | ServiceError;
    if (fault?.error) {
      const { type, message, status } = fault.error;
      outcome = new ServiceError(type, message ?? `Emulated ${type}`, status);
    } else {
      try {
        outcome = this.execute(incoming);
      } catch (err) {
        if (!(err instanceof ServiceError)) throw err;
        outcome = err;
      }
    }
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.dropAfterCommit || !res.socket || res.socket.destroyed) {
      res.socket?.destroy();
      return; // call.status stays 0: no answer reached the client
    }
    if (outcome instanceof ServiceError) {
      call.status = outcome.status;
      if (outcome.type) call.errorType = outcome.type;
      this.writeError(res, outcome, namespace);
      return;
    }
    call.status = outcome.status;
    if (outcome.forward) await forwardReply(res, outcome, call);
    else await writeReply(res, outcome);
  }

  private parse(req: IncomingMessage, raw: Buffer): Incoming {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q >= 0 ? url.slice(0, q) : url;
    const queryAll = new URLSearchParams(q >= 0 ? url.slice(q + 1) : '');
    const query: Record<string, string> = {};
    for (const key of new Set(queryAll.keys())) query[key] = queryAll.getAll(key).join(',');
    const method = req.method ?? 'GET';
    let matched: ReturnType<typeof matchRoute>;
    try {
      matched = matchRoute(method, path);
    } catch {
      matched = undefined; // malformed percent-encoding
    }
    const route = matched?.route;
    const text = raw.length > 0 ? raw.toString('utf8') : undefined;
    let body: any = text;
    let bodyError: string | undefined;
    if (text !== undefined && !route?.dataPlane) {
      try {
        body = JSON.parse(text);
      } catch (e) {
        bodyError = `Request body is not valid JSON: ${(e as Error).message}`;
      }
    }
    const clientToken = route?.token === 'body' ? body?.clientToken : query.clientToken;
    const call: CallRecord = {
      operation: route?.operation ?? 'Unknown',
      method,
      path,
      query,
      body,
      ...(typeof clientToken === 'string' ? { clientToken } : {}),
      status: 0,
      at: Date.now(),
    };
    return { call, route, bodyError, request: { params: matched?.params ?? {}, query, queryAll, body, headers: req.headers } };
  }

  /** Runs the operation, replaying or recording the answer for its clientToken (atomically: no await inside). */
  private execute({ call, route, request, bodyError }: Incoming): Reply {
    if (!route) throw new ServiceError('UnknownOperationException', `No operation matches ${call.method} ${call.path}`);
    if (bodyError) throw cannotParse(bodyError);
    const handler = this.deps.handlers[route.operation];
    const token = route.token ? call.clientToken : undefined;
    if (token === undefined) return handler(request);
    const print = fingerprint(call.path, call.query, call.body);
    const stored = this.deps.ledger.lookup(route.operation, token, print);
    if (stored) return { status: stored.status, json: stored.json };
    const reply = handler(request);
    this.deps.ledger.record(route.operation, token, print, { status: reply.status, json: reply.json });
    return reply;
  }

  private writeError(res: ServerResponse, err: ServiceError, namespace: string): void {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() };
    if (err.type) headers['x-amzn-errortype'] = err.type;
    res.writeHead(err.status, headers);
    res.end(JSON.stringify(err.body(namespace)));
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * An agent's answer, streamed through: status and content type as it sent them. An agent that cannot be reached or
 * answers 4xx/5xx gives 424 RuntimeClientError (the service's answer when the container fails; wording inferred).
 */
async function forwardReply(res: ServerResponse, reply: Reply, call: CallRecord): Promise<void> {
  const { url, headers: outHeaders, body } = reply.forward!;
  const headers: Record<string, string> = { 'x-amzn-requestid': randomUUID(), ...reply.headers };
  const failed = (why: string) => {
    const err = new ServiceError('RuntimeClientError', `Received error (${why}) from runtime. Please check your CloudWatch logs for more information.`);
    call.status = err.status;
    call.errorType = err.type;
    res.writeHead(err.status, { 'content-type': 'application/json', 'x-amzn-errortype': err.type, ...headers });
    res.end(JSON.stringify(err.body(DATA_NAMESPACE)));
  };
  await new Promise<void>((resolve) => {
    const out = httpRequest(url, { method: 'POST', headers: { ...outHeaders, 'content-length': String(Buffer.byteLength(body)) } }, (agent) => {
      const status = agent.statusCode ?? 500;
      if (status >= 400) {
        agent.resume();
        failed(String(status));
        resolve();
        return;
      }
      call.status = status;
      res.writeHead(status, { ...headers, ...(agent.headers['content-type'] ? { 'content-type': agent.headers['content-type'] } : {}) });
      agent.on('data', (chunk: Buffer) => res.write(chunk));
      agent.on('end', () => {
        res.end();
        resolve();
      });
      agent.on('error', () => {
        res.destroy();
        resolve();
      });
    });
    out.on('error', (e) => {
      failed((e as NodeJS.ErrnoException).code ?? 'connection failed');
      resolve();
    });
    res.on('close', () => out.destroy());
    out.end(body);
  });
}

async function writeReply(res: ServerResponse, reply: Reply): Promise<void> {
  const headers: Record<string, string> = { 'x-amzn-requestid': randomUUID(), ...reply.headers };
  if (reply.chunks) {
    res.writeHead(reply.status, headers);
    for (const [i, chunk] of reply.chunks.entries()) {
      if (i > 0 && reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      if (res.destroyed) return;
      res.write(chunk);
    }
    res.end();
    return;
  }
  if (reply.json === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(reply.json));
}
