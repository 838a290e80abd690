import './cxzy/element.js';
window.received = { bureau: [], township: [] };
for (const id of ['bureau', 'township']) {
  document.getElementById(id).addEventListener('cxzy-change', (e) => window.received[id].push(e.detail));
}
// The host's assessment for the township: case b of the published rules.
fetch('township-b.json').then((r) => r.json()).then((a) => { document.getElementById('township').assessment = a; });
