// scripts/serve-static.mjs serves a build as deployed: compressed, cached by hash, under a CSP that
// names exactly the page's inline script and style by hash, only on loopback unless --lan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'node:http';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const script = 'import init from "./app-0123456789abcdef.js"; init();';
const style = 'body { color: #b00; }';
let dir;
let server;
let port;

function get(path, headers = {}) {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxzy-serve-'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><style>${style}</style><script type="module">${script}</script><script src="x.js"></script></head><body>应用</body></html>`);
  writeFileSync(join(dir, 'app-0123456789abcdef.js'), 'export default function init() {}\n'.repeat(50));
  writeFileSync(join(dir, 'data.json'), JSON.stringify({ a: 'x'.repeat(2000) }));
  writeFileSync(join(dir, 'manifest.webmanifest'), JSON.stringify({ name: '创先争优 · 自评' }));
  writeFileSync(join(dir, 'sw.js'), "const VERSION = '0123456789abcdef';\n");
  port = 20000 + Math.floor(Math.random() * 20000);
  server = spawn(process.execPath, [join(root, 'scripts/serve-static.mjs'), dir, String(port), '--csp'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ok) => server.stdout.once('data', ok));
});

after(() => {
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

test('the page carries a strict CSP naming its inline script and style by hash', async () => {
  const r = await get('/');
  assert.equal(r.status, 200);
  const csp = r.headers['content-security-policy'];
  assert.match(csp, /default-src 'self'/);
  assert.ok(csp.includes(`script-src 'self' 'wasm-unsafe-eval' ${sha(script)}`), csp);
  assert.ok(csp.includes(`style-src 'self' ${sha(style)}`), csp);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.equal(r.headers['cache-control'], 'no-cache');
});

test('Brotli or gzip as the client accepts, the same bytes either way', async () => {
  const plain = await get('/data.json');
  const br = await get('/data.json', { 'accept-encoding': 'gzip, deflate, br' });
  const gz = await get('/data.json', { 'accept-encoding': 'gzip' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(br.body.length < plain.body.length && gz.body.length < plain.body.length);
  assert.deepEqual(brotliDecompressSync(br.body), plain.body);
  assert.deepEqual(gunzipSync(gz.body), plain.body);
});

test('hashed files are cached for a year; missing ones are 404; nothing outside is served', async () => {
  const js = await get('/app-0123456789abcdef.js');
  assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.match(js.headers['content-type'], /^text\/javascript/);
  assert.equal((await get('/nothing.js')).status, 404);
  assert.notEqual((await get('/../package.json')).status, 200);
  assert.notEqual((await get('/%2e%2e/package.json')).status, 200);
});

test('the web app manifest and the service worker: their types, revalidated on every use', async () => {
  const manifest = await get('/manifest.webmanifest');
  assert.equal(manifest.headers['content-type'], 'application/manifest+json');
  assert.equal(manifest.headers['cache-control'], 'no-cache');
  const sw = await get('/sw.js');
  assert.match(sw.headers['content-type'], /^text\/javascript/);
  assert.equal(sw.headers['cache-control'], 'no-cache');
});
