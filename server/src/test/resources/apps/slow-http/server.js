// For ScaleToZeroIT and bench/cold-start.sh: no dependencies, so it builds offline and starts fast.
const http = require('http');

const started = Date.now();
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://app');
  if (url.pathname === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    return;
  }
  if (url.pathname === '/stream') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write('data: open\n\n');
    const tick = setInterval(() => res.write(': keep-alive\n\n'), 1000);
    res.on('close', () => clearInterval(tick));
    return;
  }
  const ms = Number(url.searchParams.get('ms') ?? 0);
  req.resume();
  req.on('end', () => setTimeout(() => {
    res.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ pid: process.pid, upMs: Date.now() - started, waitedMs: ms }) + '\n');
  }, ms));
});

const port = Number(process.env.PORT ?? 3000);
server.listen(port, '127.0.0.1', () => console.log(`slow-http listening on 127.0.0.1:${port}`));
