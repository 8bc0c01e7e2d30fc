// Building the page without innerHTML: every text from the server goes in as a text node, so no
// tender title or objection can inject markup.

// h('a', { href: '#/x', class: 'btn', onclick: fn }, 'text', child, [more, children]): an element.
// Attributes: `class`, `for`, `data-*`, `aria-*` and the rest are set as attributes; functions under
// `on…` become event listeners; `hidden`, `disabled`, `checked`, `value` and `selected` set
// properties; null and false leave an attribute out.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (['hidden', 'disabled', 'checked', 'value', 'selected'].includes(name)) el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Replaces the children of `el`.
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// A labelled form field: <label for=id>label</label> then the control, with an optional hint.
export function field(id, label, control, hint) {
  control.id = id;
  if (!control.name) control.name = id;
  const hintEl = hint ? h('small', { id: `${id}-hint`, class: 'hint' }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintEl);
}

// A definition list from [term, description] pairs (descriptions may be nodes).
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}
