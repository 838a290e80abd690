// A small static server for measuring the release build as it would be deployed: gzip for text
// and WASM (when the client accepts it), long cache lifetimes for Trunk's hashed files, correct
// MIME types (application/wasm for streaming compilation). Optional extra headers (e.g. a
// Content-Security-Policy) come from the CXZY_HEADERS environment variable as JSON.
// Usage: node scripts/serve-static.mjs DIR PORT
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const [dir = 'dist', port = '8080'] = process.argv.slice(2);
const root = normalize(dir) + sep;
const extra = JSON.parse(process.env.CXZY_HEADERS ?? '{}');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ts': 'text/plain; charset=utf-8',
};
const gzipped = new Map();

createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  let body;
  let mtime;
  try { body = await readFile(file); mtime = (await stat(file)).mtimeMs; } catch { res.writeHead(404).end('not found'); return; }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const hashed = /-[0-9a-f]{16}(_bg)?\.(js|wasm)$/.test(file);
  const headers = { 'Content-Type': type, 'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache', ...extra };
  if (/gzip/.test(req.headers['accept-encoding'] ?? '') && !type.startsWith('image/png')) {
    const key = `${file}@${mtime}`;
    if (!gzipped.has(key)) gzipped.set(key, gzipSync(body, { level: 9 }));
    body = gzipped.get(key);
    headers['Content-Encoding'] = 'gzip';
    headers['Vary'] = 'Accept-Encoding';
  }
  res.writeHead(200, headers).end(body);
}).listen(Number(port), '127.0.0.1');
