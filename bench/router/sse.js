// SSE backend and client for bench/router.sh. Backend: node sse.js serve PORT (event every 50 ms, payload = send time in ns).
// Client: node sse.js measure URL HOST EVENTS -> prints p50/p99 added latency (us) per event.
// Idle: node sse.js idle URL HOST N -> opens N streams on /hold and keeps them open.
const http = require('http');
const [, , mode, a, b, c] = process.argv;
const now = () => process.hrtime.bigint();
if (mode === 'serve') {
  http.createServer((req, res) => {
    res.writeHead(200, {'content-type': 'text/event-stream'});
    if (req.url.startsWith('/hold')) { res.write('data: open\n\n'); return; }
    let n = 0;
    const t = setInterval(() => {
      res.write(`data: ${now()}\n\n`);
      if (++n >= 200) { clearInterval(t); res.end(); }
    }, 50);
    req.on('close', () => clearInterval(t));
  }).listen(Number(a), '127.0.0.1');
} else if (mode === 'measure') {
  const url = new URL(a);
  const added = [];
  http.get({host: url.hostname, port: url.port, path: '/sse', headers: {host: b}}, res => {
    let buf = '';
    res.on('data', d => {
      const t = now();
      buf += d;
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const ev = buf.slice(0, i); buf = buf.slice(i + 2);
        added.push(Number(t - BigInt(ev.slice(6))) / 1000);
      }
    });
    res.on('end', () => {
      added.sort((x, y) => x - y);
      const q = p => added[Math.min(added.length - 1, Math.floor(p * added.length))].toFixed(0);
      console.log(`events=${added.length} p50_us=${q(0.5)} p99_us=${q(0.99)}`);
    });
  });
} else if (mode === 'idle') {
  const url = new URL(a);
  const agent = new http.Agent({keepAlive: true, maxSockets: Infinity});
  let open = 0;
  for (let i = 0; i < Number(c); i++) {
    http.get({host: url.hostname, port: url.port, path: '/hold', headers: {host: b}, agent}, res => {
      res.once('data', () => { if (++open === Number(c)) console.log(`OPEN ${open}`); });
    }).on('error', e => console.error(e.message));
  }
  setInterval(() => {}, 1000);
}
