// Serves a built site as it is deployed: compressed (Brotli or gzip, as the client accepts), long
// cache lifetimes for Trunk's hashed files and `no-cache` for the rest, correct MIME types
// (application/wasm for streaming compilation), and with --csp the app's strict
// Content-Security-Policy: scripts and styles only from this origin or the exact inline ones of
// index.html (by their SHA-256), WebAssembly allowed, nothing else. Extra headers may come from
// the CXZY_HEADERS environment variable as JSON.
//
// Usage: node scripts/serve-static.mjs DIR [PORT] [--csp] [--lan]
//   --lan  listen on every interface (a phone on the same network can open the printed address);
//          by default only 127.0.0.1.
import { createServer } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const [dir = 'dist', port = '8080'] = args.filter((a) => !a.startsWith('--'));
for (const f of flags) {
  if (!['--csp', '--lan'].includes(f)) {
    console.error(`serve-static: unknown option ${f} (--csp, --lan)`);
    process.exit(2);
  }
}
const root = resolve(normalize(dir)) + sep;
const lan = flags.has('--lan');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ts': 'text/plain; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The app's CSP: its own origin, WebAssembly, and the inline scripts and styles of its pages
 * (index.html, and editor.html, the build with the criteria editor) by hash.
 */
function strictCsp() {
  const html = readdirSync(root).filter((f) => f.endsWith('.html'))
    .map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
  const hashes = (tag) =>
    [...html.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))]
      .filter((m) => !/\ssrc=/.test(m[0].slice(0, m[0].indexOf('>'))))
      .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`)
      .filter((h, i, all) => all.indexOf(h) === i);
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...hashes('script')].join(' '),
    ["style-src 'self'", ...hashes('style')].join(' '),
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const headersForAll = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  ...(flags.has('--csp') ? { 'Content-Security-Policy': strictCsp() } : {}),
  ...JSON.parse(process.env.CXZY_HEADERS ?? '{}'),
};
const compressed = new Map();

createServer(async (req, res) => {
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    res.writeHead(400).end('bad request');
    return;
  }
  const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  let body;
  let mtime;
  try { body = await readFile(file); mtime = (await stat(file)).mtimeMs; } catch { res.writeHead(404).end('not found'); return; }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  // Trunk writes its 64-bit hash in hex without leading zeros: 15 digits one build in sixteen.
  const hashed = /-[0-9a-f]{8,16}(_bg)?\.(js|wasm|css)$/.test(file);
  const headers = {
    'Content-Type': type,
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...headersForAll,
  };
  const accepts = req.headers['accept-encoding'] ?? '';
  const encoding = type.startsWith('image/png') ? null : /\bbr\b/.test(accepts) ? 'br' : /gzip/.test(accepts) ? 'gzip' : null;
  if (encoding) {
    const key = `${file}@${mtime}@${encoding}`;
    if (!compressed.has(key)) {
      compressed.set(key, encoding === 'br'
        ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
        : gzipSync(body, { level: 9 }));
    }
    body = compressed.get(key);
    headers['Content-Encoding'] = encoding;
    headers['Vary'] = 'Accept-Encoding';
  }
  res.writeHead(200, headers).end(body);
}).listen(Number(port), lan ? '0.0.0.0' : '127.0.0.1', () => {
  const addresses = lan
    ? Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal).map((a) => a.address)
    : [];
  console.log(`serving ${dir} at http://127.0.0.1:${port}/`);
  for (const a of addresses) console.log(`  on this network: http://${a}:${port}/`);
  if (lan && addresses.length === 0) console.log('  (no network address found besides loopback)');
});
