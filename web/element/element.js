// <cxzy-assessment>: the cxzy self-assessment (rate, result, gaps, what-if, commitments) in a
// shadow root, for portals. Attributes: framework (a built-in id or a URL of framework JSON),
// lang (zh-Hans | zh-Hant | en), period (2026-H1, 2026-H2 or 2026-01-01/2026-06-30),
// storage-key (absent: nothing is stored, the host keeps the data), readonly. Property:
// assessment (a cxzy/assessment@1 or @2 object). Events: cxzy-change and cxzy-complete, with
// detail = { assessment, result } (cxzy/assessment and cxzy/result objects of the framework's
// version: @2 for a framework of version 2).
// Theming: --cxzy-accent and --cxzy-font on the element or any ancestor.
import init, { mount } from './element/cxzy-element.js';

const here = import.meta.url;
let ready = null;
function load() {
  ready ??= init({ module_or_path: new URL('./element/cxzy-element_bg.wasm', here) });
  return ready;
}

// A built-in's id (member-five-leads), as opposed to a URL or file name (unit.json, /x/unit).
const BUILTIN_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export class CxzyAssessment extends HTMLElement {
  static observedAttributes = ['framework', 'lang', 'period', 'storage-key', 'readonly'];

  #container;
  #errors;
  #mounted = null;
  #assessment = null;
  #scheduled = false;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = new URL('./cxzy.css', here).href;
    this.#errors = document.createElement('div');
    this.#container = document.createElement('div');
    root.append(style, this.#errors, this.#container);
  }

  connectedCallback() { this.#schedule(); }

  disconnectedCallback() { this.#unmount(); }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'lang' && this.#mounted) this.#mounted.setLang(value ?? '');
    else this.#schedule();
  }

  /** The current assessment (cxzy/assessment@1 or @2), as last set or changed by the user. */
  get assessment() { return this.#assessment; }

  set assessment(value) {
    this.#assessment = value;
    if (!this.#mounted) { this.#schedule(); return; }
    try {
      this.#mounted.setAssessment(JSON.stringify(value));
      this.#errors.replaceChildren();
    } catch (errors) {
      this.#showErrors(errors);
    }
  }

  #frameworkUrl() {
    const f = (this.getAttribute('framework') ?? '').trim();
    if (BUILTIN_ID.test(f)) return new URL(`./frameworks/${f}.json`, here).href;
    return new URL(f, document.baseURI).href;
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => { this.#scheduled = false; if (this.isConnected) this.#mount(); });
  }

  async #mount() {
    try {
      await load();
    } catch (e) {
      ready = null; // a later mount tries again
      this.#showErrors([{ code: 'load_failed', path: '', message: `cxzy: the WebAssembly module did not load (${e?.message ?? e})` }]);
      return;
    }
    if (!this.isConnected) return;
    this.#unmount();
    this.#errors.replaceChildren();
    const target = document.createElement('div');
    this.#container.replaceChildren(target);
    const config = {
      framework: this.#frameworkUrl(),
      lang: this.getAttribute('lang') ?? undefined,
      period: this.getAttribute('period') ?? undefined,
      storageKey: this.getAttribute('storage-key') ?? undefined,
      readonly: this.hasAttribute('readonly'),
      assessment: this.#assessment ? JSON.stringify(this.#assessment) : undefined,
    };
    try {
      this.#mounted = mount(target, config, (kind, assessment, result) => this.#emit(kind, assessment, result));
    } catch (errors) {
      this.#showErrors(errors);
    }
  }

  #unmount() {
    if (this.#mounted) { this.#mounted.unmount(); this.#mounted.free(); this.#mounted = null; }
  }

  #emit(kind, assessmentJson, resultJson) {
    const detail = { assessment: JSON.parse(assessmentJson), result: JSON.parse(resultJson) };
    this.#assessment = detail.assessment;
    const options = { detail, bubbles: true, composed: true };
    this.dispatchEvent(new CustomEvent('cxzy-change', options));
    if (kind === 'complete') this.dispatchEvent(new CustomEvent('cxzy-complete', options));
  }

  /** Errors from a bad attribute or assessment: located, in the element (above the app, which
   * stays mounted), never a blank box. */
  #showErrors(errors) {
    const box = document.createElement('div');
    box.className = 'notice error';
    box.setAttribute('role', 'alert');
    const list = document.createElement('ul');
    list.className = 'errors';
    for (const e of Array.isArray(errors) ? errors : [{ code: 'error', path: '', message: String(errors) }]) {
      const li = document.createElement('li');
      li.textContent = e.path ? `${e.message} (${e.path}, ${e.code})` : `${e.message} (${e.code})`;
      list.append(li);
    }
    box.append(list);
    this.#errors.replaceChildren(box);
  }
}

if (!customElements.get('cxzy-assessment')) customElements.define('cxzy-assessment', CxzyAssessment);
