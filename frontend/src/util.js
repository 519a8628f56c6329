// Small DOM helpers: every text goes in as text, never as HTML (except highlight(), which escapes first).

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

export function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

export const fmt = {
  int: (n) => (n ?? 0).toLocaleString('en-US'),
  num: (n, d = 2) => (n ?? 0).toFixed(d),
  pct: (n) => `${Math.round((n ?? 0) * 100)} %`,
  time: (t) => (t ? new Date(t).toISOString().replace('T', ' ').slice(0, 16) + 'Z' : '–'),
  day: (t) => (t ? new Date(t).toISOString().slice(0, 10) : '–'),
};

export function chips(items, cls = 'chip') {
  return h('span', { class: 'chips' }, (items || []).map((t) => h('span', { class: cls }, t)));
}

export function badge(verdict) {
  return h('span', { class: `badge v-${verdict}` }, verdict);
}

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Text with the given phrases wrapped in <mark> (case-insensitive, any white space between words).
export function highlight(text, phrases) {
  const el = h('pre', { class: 'text' });
  const s = text || '';
  const ps = (phrases || []).filter((p) => p && p.trim().length >= 3).sort((a, b) => b.length - a.length);
  if (ps.length === 0) { el.textContent = s; return el; }
  const re = new RegExp(ps.map((p) => p.trim().split(/\s+/).map(escapeRe).join('[\\s\\W]+')).join('|'), 'gi');
  let out = '', last = 0, m, count = 0;
  while ((m = re.exec(s)) !== null) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    out += escapeHtml(s.slice(last, m.index)) + '<mark class="hit">' + escapeHtml(m[0]) + '</mark>';
    last = m.index + m[0].length;
    count++;
  }
  out += escapeHtml(s.slice(last));
  el.innerHTML = out;
  el.dataset.hits = String(count);
  return el;
}

export function table(columns, rows, opts = {}) {
  const thead = h('thead', null, h('tr', null, columns.map((c) => {
    const th = h('th', { class: c.num ? 'num' : null }, c.title);
    if (opts.onSort && c.sort) {
      th.classList.add('sortable');
      if (opts.sort === c.sort) th.classList.add(opts.desc ? 'desc' : 'asc');
      th.addEventListener('click', () => opts.onSort(c.sort));
    }
    return th;
  })));
  const tbody = h('tbody', null, rows.map((r) => h('tr', opts.rowAttrs ? opts.rowAttrs(r) : null,
    columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.render ? c.render(r) : r[c.key])))));
  return h('table', { class: `grid ${opts.class || ''}` }, thead, tbody);
}
