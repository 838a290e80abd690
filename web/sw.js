// The app's service worker: after a first visit (over HTTPS or on localhost), the app opens and
// works with the network off. scripts/build-sw.mjs writes it to dist/sw.js at the end of the
// build, with this build's VERSION, FIRST, FILES and PAGES above this comment, so that every
// build is a byte-different sw.js, which the browser installs in the background.
//
// - One cache per version (`cxzy-<VERSION>`). Install fills it with the first load (FIRST: the
//   page, its script and module, the manifest, the icons) from the network, and with whatever
//   else of this build is already at hand — an older version's cache, the HTTP cache — when it
//   holds the very same file: the frameworks a member has used stay offline across an update.
//   Everything else of the build (the frameworks, editor.html and its files, jsQR, the demo
//   case) is cached the first time the app fetches it.
// - Nothing is cached that is not this build's (`fits`): a Trunk-hashed name is its content, any
//   other file must have its SHA-256 (a page fetched from the network: must name its own
//   script). A server already on a newer build makes the install fail (the next sw.js will do)
//   instead of mixing versions.
// - A new version waits (no skipWaiting on install): the old one keeps serving its own cache
//   until the page, told by `updatefound`, offers the update and the user takes it (message
//   'skipWaiting'); then old caches are deleted and the page reloads once (web/src/services/
//   offline.rs). Where service workers are absent (plain HTTP on a LAN, some WebViews), the app
//   works as before, from the network.
// - Only this build's files are answered: other paths, other origins, other methods and `api/`
//   (cxzy serve's scoring API and rooms) always go to the network.

const PREFIX = 'cxzy-';
const CACHE = PREFIX + VERSION;
const SCOPE = new URL(self.registration.scope);

/** The URL of a file of the build ('index.html', 'frameworks/x.json'). */
const at = (path) => new URL(path, SCOPE).href;

/** The path of a same-origin URL inside the scope, or null. */
function pathOf(url) {
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return null;
  try {
    return decodeURIComponent(url.pathname.slice(SCOPE.pathname.length));
  } catch {
    return null;
  }
}

/** cxzy serve's mark on the pages it serves (core/server/build.rs): not part of the build's bytes. */
const SERVED_MARK = '<meta name="cxzy-serve" content="rooms">';

/**
 * Whether a response (not consumed) holds this build's file at `path`: a Trunk-hashed name is its
 * content; a page just `fetched` must name its script (PAGES; a host may add to a page); else the
 * SHA-256 of the bytes (a page's without cxzy serve's mark) must be the build's.
 */
async function fits(path, response, fetched = false) {
  if (!response || !response.ok) return false;
  if (FILES[path] === '') return true;
  let bytes = await response.clone().arrayBuffer();
  if (path.endsWith('.html')) {
    const text = new TextDecoder().decode(bytes);
    if (fetched && PAGES[path]) return text.includes(PAGES[path]);
    bytes = new TextEncoder().encode(text.replace(SERVED_MARK, ''));
  }
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('').startsWith(FILES[path]);
}

/** A response a navigation may be answered with (a redirected one may not). */
async function plain(response) {
  if (!response.redirected) return response;
  const { status, statusText, headers } = response;
  return new Response(await response.blob(), { status, statusText, headers });
}

self.addEventListener('install', (event) => event.waitUntil((async () => {
  const cache = await caches.open(CACHE);
  const older = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
  await Promise.all(Object.keys(FILES).map(async (path) => {
    if (await cache.match(at(path))) return;
    let found = null;
    for (const name of older) {
      const old = await (await caches.open(name)).match(at(path));
      if (await fits(path, old)) {
        found = old;
        break;
      }
    }
    if (!found) {
      const held = await fetch(at(path), { cache: 'only-if-cached', mode: 'same-origin' }).catch(() => null);
      if (await fits(path, held)) found = held;
    }
    if (!found) {
      if (!FIRST.includes(path)) return;
      found = await fetch(at(path), { cache: 'no-cache' });
      if (!(await fits(path, found, true))) throw new Error(`sw.js ${VERSION}: the server's ${path} is another build's`);
    }
    await cache.put(at(path), await plain(found));
  }));
})()));

self.addEventListener('activate', (event) => event.waitUntil((async () => {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
  await self.clients.claim();
})()));

// The page's update notice, clicked.
self.addEventListener('message', (event) => {
  if (event.data === 'skipWaiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  let path = pathOf(new URL(request.url));
  if (path === null || path.startsWith('api/')) return;
  if (path === '' && request.mode === 'navigate') path = 'index.html';
  if (!Object.hasOwn(FILES, path)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const held = await cache.match(at(path));
    if (held) return held;
    const response = await fetch(request);
    // The page has the response at once; the copy is checked and kept meanwhile.
    const copy = response.clone();
    event.waitUntil((async () => {
      if (await fits(path, copy, true)) await cache.put(at(path), await plain(copy));
    })());
    return response;
  })());
});
