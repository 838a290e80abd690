// Keyboard helpers: everything through page.keyboard (Tab, Shift+Tab, Space, Enter, arrows),
// never a click, a .check() or a .fill().
import assert from 'node:assert/strict';

/** What has focus: tag, id, classes, label, and whether it is on screen. */
export async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    const r = e.getBoundingClientRect();
    return {
      tag: e.tagName.toLowerCase(), id: e.id, className: String(e.className),
      label: e.getAttribute('aria-label') ?? '', text: (e.textContent ?? '').trim().slice(0, 30),
      onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
    };
  });
}

export const describe = (f) => `${f.tag}${f.id ? `#${f.id}` : ''}${f.className ? `.${f.className.split(' ').join('.')}` : ''}${f.label ? `[${f.label}]` : ''}`;

/**
 * Presses Tab (or Shift+Tab) until the focused element matches the CSS selector; fails after
 * `max` presses. Every element focused on the way must be on screen (the browser scrolls it in).
 * Returns the path of focused elements.
 */
export async function tabTo(page, selector, { back = false, max = 40 } = {}) {
  const path = [];
  for (let k = 0; k < max; k++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    path.push(describe(f));
    assert.notEqual(f.tag, 'body', `focus fell to <body> while tabbing to ${selector}: ${path.join(' → ')}`);
    assert.ok(f.onScreen, `focused element is on screen: ${describe(f)}`);
    if (await page.evaluate((s) => document.activeElement.matches(s), selector)) return path;
  }
  assert.fail(`${selector} not reached in ${max} ${back ? 'Shift+Tab' : 'Tab'} presses: ${path.join(' → ')}`);
}

export async function press(page, key, times = 1) {
  for (let k = 0; k < times; k++) await page.keyboard.press(key);
}
