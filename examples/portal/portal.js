// The portal's side: load the element from the package folder, receive the results it sends.
// (Copied beside the page as ./cxzy/ by scripts/portal.sh; in a real portal, the npm package.)
import './cxzy/element.js';

const element = document.getElementById('self-assessment');
let changes = 0;
let completes = 0;

function show(result) {
  document.getElementById('host-total').textContent = result?.total ?? '—';
  document.getElementById('host-grade').textContent = result?.grade ?? '—';
  document.getElementById('host-complete').textContent = result ? String(result.complete) : '—';
  document.getElementById('host-result').textContent = JSON.stringify(result, null, 2);
}

element.addEventListener('cxzy-change', (e) => {
  changes += 1;
  document.getElementById('event-count').textContent = String(changes);
  show(e.detail.result);
});

element.addEventListener('cxzy-complete', (e) => {
  completes += 1;
  document.getElementById('complete-count').textContent = String(completes);
  // A real portal would save e.detail.assessment and e.detail.result to its own store here.
  window.lastComplete = e.detail;
});
