// A hostile app for SandboxEscapesIT: tries every way out of its sandbox that the platform must
// refuse, and the one it must allow, printing one line per attempt:
//   ESCAPE <phase> <target> OPEN|REACHED|refused <detail>
// targets.json (written by the test) names the host's ports and paths to try.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';

const phase = process.argv[2] ?? 'run';
const targets = JSON.parse(fs.readFileSync(new URL('./targets.json', import.meta.url), 'utf8'));

function connect(name, host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 3000 });
    socket.on('connect', () => { socket.destroy(); resolve(`${name} OPEN ${host}:${port}`); });
    socket.on('timeout', () => { socket.destroy(); resolve(`${name} refused timeout`); });
    socket.on('error', (e) => resolve(`${name} refused ${e.code}`));
  });
}

function read(name, path) {
  try {
    fs.readFileSync(path);
    return `${name} OPEN`;
  } catch (e) {
    return `${name} refused ${e.code}`;
  }
}

function list(name, path) {
  try {
    const entries = fs.readdirSync(path);
    return entries.length > 0 ? `${name} OPEN ${entries.join(',')}` : `${name} refused empty`;
  } catch (e) {
    return `${name} refused ${e.code}`;
  }
}

function outside(url) {
  return new Promise((resolve) => {
    http.get(url, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve(body === 'outside' ? 'outside REACHED' : `outside refused unexpected ${body}`));
    }).on('error', (e) => resolve(`outside refused ${e.code}`));
  });
}

// The data directory is hidden; only the empty directories leading to the sandbox's own binds
// (its workspace and cache, or its artifact) may show.
function tree(name, root, depth) {
  const found = [];
  const walk = (dir, prefix, left) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      return;
    }
    for (const e of entries) {
      found.push(prefix + e.name);
      if (e.isDirectory() && left > 1) {
        walk(`${dir}/${e.name}`, `${prefix}${e.name}/`, left - 1);
      }
    }
  };
  walk(root, '', depth);
  return `${name} visible [${found.join(',')}]`;
}

const lines = [];
for (const [name, port] of Object.entries(targets.loopbackPorts)) {
  lines.push(await connect(name, '127.0.0.1', port));
}
for (const [name, target] of Object.entries(targets.hostAddresses)) {
  lines.push(await connect(name, target.host, target.port));
}
lines.push(read('shadow', '/etc/shadow'));
lines.push(list('root-home', '/root'));
lines.push(read('master-key', targets.masterKey));
lines.push(tree('data-dir', targets.dataDir, 2));
lines.push(`uid ${process.getuid()}`);
lines.push(await outside(targets.outside));
for (const line of lines) {
  console.log(`ESCAPE ${phase} ${line}`);
}
