import './cxzy/element.js';
window.received = { first: [], second: [] };
for (const id of ['first', 'second']) {
  document.getElementById(id).addEventListener('cxzy-change', (e) => window.received[id].push(e.detail));
}
