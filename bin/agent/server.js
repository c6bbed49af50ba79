// A minimal AgentCore HTTP-protocol agent: GET /ping and POST /invocations (server-sent events) on port 8080.
// It has no dependencies so the image builds anywhere; a real agent would call Bedrock here.
'use strict';
const http = require('http');

const PORT = Number(process.env.PORT || 8080);
const startedAt = Math.floor(Date.now() / 1000);

/** Splits an answer into the deltas a streaming model would send. */
function deltas(text) {
  return text.split(/(?<= )/);
}

function answer(payload) {
  const prompt = typeof payload.prompt === 'string' ? payload.prompt : JSON.stringify(payload);
  return `You said: ${prompt}`;
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      try { resolve(body ? JSON.parse(body) : {}); } catch (e) { reject(e); }
    });
    req.on('error', reject);
  });
}

const server = http.createServer(async (req, res) => {
  if (req.method === 'GET' && req.url === '/ping') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'Healthy', time_of_last_update: startedAt }));
    return;
  }
  if (req.method === 'POST' && req.url === '/invocations') {
    let payload;
    try {
      payload = await readJson(req);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'The request body must be JSON, e.g. {"prompt": "Hello"}.' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const text of deltas(answer(payload))) {
      res.write(`data: ${JSON.stringify({ type: 'delta', text })}\n\n`);
      await new Promise((r) => setTimeout(r, 5));
    }
    res.end(`data: ${JSON.stringify({ type: 'done' })}\n\n`);
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: `No route for ${req.method} ${req.url}` }));
});

server.listen(PORT, '0.0.0.0', () => {
  process.stdout.write(`agent listening on ${server.address().port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
