// The dashboard: a hash-routed single page over the JSON API (/api/...).
import { h, clear, fmt, chips, badge, table, highlight } from './util.js';
import { campaignCard } from './campaign.js';
import { trafficChart, pivotChart, hoursChart, scoreChart, timelineChart, linkGraph, disposeCharts } from './charts.js';

let session = null;   // { user, role, csrf, live }
let root, main, nav;

class HttpError extends Error { constructor(status, message) { super(message); this.status = status; } }

async function api(path, opts = {}) {
  const headers = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.method && opts.method !== 'GET' && session && session.csrf) headers['X-CSRF-Token'] = session.csrf;
  const res = await fetch(path, { method: opts.method || 'GET', headers, credentials: 'same-origin', body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/api/login')) { session = null; renderLogin('Your session ended: log in again.'); }
    throw new HttpError(res.status, (data && data.error) || res.statusText);
  }
  return data;
}

const link = (href, text, cls) => h('a', { href, class: cls || null }, text);
const accountLink = (a) => link(`#/account/${encodeURIComponent(a)}`, a, 'acct');
const exchangeHref = (id) => `#/exchange/${encodeURIComponent(id)}`;
const isAnalyst = () => session && (session.role === 'analyst' || session.role === 'admin');

export async function startDashboard(el) {
  root = el;
  try { session = await api('/api/session'); } catch { session = null; }
  if (!session) { renderLogin(); return; }
  shell();
  window.addEventListener('hashchange', route);
  route();
}

function renderLogin(message) {
  disposeCharts();
  clear(root);
  const input = h('input', { type: 'password', id: 'login-key', name: 'key', autocomplete: 'current-password', placeholder: 'API key', required: true });
  const err = h('p', { class: 'error', id: 'login-error' }, message || '');
  const form = h('form', { class: 'card login', id: 'login-form' },
    h('h1', null, 'DistillGuard'),
    h('p', { class: 'muted' }, 'Log in with your dashboard API key.'),
    input, h('button', { type: 'submit', id: 'login-button' }, 'Log in'), err);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      session = await api('/api/login', { method: 'POST', body: { key: input.value } });
      session = await api('/api/session');
      shell();
      window.addEventListener('hashchange', route);
      route();
    } catch (x) { err.textContent = x.status === 401 ? 'Unknown key.' : x.message; }
  });
  root.appendChild(h('div', { class: 'login-wrap' }, form));
  input.focus();
}

function shell() {
  clear(root);
  const search = h('input', { type: 'search', id: 'search-box', placeholder: 'account, key, IP or prefix, payment, exchange id…' });
  const form = h('form', { class: 'search', id: 'search-form' }, search, h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (e) => { e.preventDefault(); if (search.value.trim()) location.hash = `#/search/${encodeURIComponent(search.value.trim())}`; });
  nav = h('nav', { class: 'top' },
    h('a', { href: '#/', class: 'brand' }, 'DistillGuard'),
    link('#/', 'Campaigns'), link('#/decisions', 'Decisions'), session.role === 'admin' ? link('#/audit', 'Audit') : null,
    form,
    h('span', { class: 'live', id: 'live' }),
    h('span', { class: 'who', id: 'who' }, `${session.user} (${session.role})`),
    h('button', { class: 'link', id: 'logout', onclick: async () => { try { await api('/api/logout', { method: 'POST' }); } catch { /* gone anyway */ } session = null; renderLogin(); } }, 'Log out'));
  main = h('main', { id: 'main' });
  root.appendChild(nav);
  root.appendChild(main);
  if (session.live) pollLive();
}

async function pollLive() {
  const el = document.getElementById('live');
  if (!el || !session) return;
  try {
    const l = await api('/api/live');
    const st = l.stats || {};
    el.textContent = `● live: ${fmt.int(st.exchanges)} exchanges, ${fmt.int(st.campaigns)} campaigns`;
  } catch { el.textContent = ''; }
  setTimeout(pollLive, 10000);
}

async function route() {
  if (!session) return;
  disposeCharts();
  const hash = location.hash || '#/';
  const [, page, ...rest] = hash.split('/');
  const arg = decodeURIComponent(rest.join('/') || '');
  clear(main);
  main.appendChild(h('p', { class: 'muted loading' }, 'Loading…'));
  try {
    if (page === 'campaign') await campaignPage(arg);
    else if (page === 'account') await accountPage(arg);
    else if (page === 'exchange') await exchangePage(arg);
    else if (page === 'search') await searchPage(arg);
    else if (page === 'decisions') await decisionsPage();
    else if (page === 'audit') await auditPage();
    else await campaignsPage(new URLSearchParams(hash.split('?')[1] || ''));
  } catch (x) {
    if (x.status === 401) return;
    clear(main);
    main.appendChild(h('div', { class: 'card error' }, h('h2', null, x.status === 404 ? 'Not found' : 'Error'), h('p', null, x.message)));
  }
}

// ------------------------------------------------------------------ campaigns list

const listState = { q: '', target: '', tactic: '', status: 'open', min_score: '', sort: 'score', dir: 'desc', offset: 0, limit: 50 };

async function campaignsPage() {
  const [summary, hist] = await Promise.all([api('/api/summary'), api('/api/histogram')]);
  clear(main);
  const run = summary.run || {};
  main.appendChild(h('section', { class: 'card summary' },
    h('div', { class: 'tiles' },
      tile('exchanges read', fmt.int(run.exchanges)), tile('accounts', fmt.int(summary.accounts)), tile('campaigns', fmt.int(summary.campaigns)),
      tile('campaign accounts', fmt.int(summary.campaign_accounts)), tile('watch', fmt.int(summary.watch_accounts)),
      tile('suppressed', fmt.int(summary.suppressed_campaigns)), tile('decisions', fmt.int(summary.decisions)),
      tile('last write', `${fmt.time(run.written_at)} (${run.source || '–'})`)),
    h('div', { class: 'plot small', id: 'score-plot' })));
  scoreChart(document.getElementById('score-plot'), hist, { watch: 0.3, campaign: 0.6 });

  const sel = (name, options) => {
    const s = h('select', { name, id: `f-${name}` }, options.map((o) => h('option', { value: o.value ?? o, selected: (o.value ?? o) === listState[name] ? true : null }, o.label ?? o)));
    s.addEventListener('change', () => { listState[name] = s.value; listState.offset = 0; load(); });
    return s;
  };
  const text = h('input', { type: 'search', id: 'f-q', placeholder: 'filter: id, evidence, member account', value: listState.q });
  text.addEventListener('change', () => { listState.q = text.value; listState.offset = 0; load(); });
  const minScore = h('input', { type: 'number', id: 'f-min-score', min: 0, max: 1, step: 0.05, placeholder: 'min score', value: listState.min_score });
  minScore.addEventListener('change', () => { listState.min_score = minScore.value; listState.offset = 0; load(); });
  const exportBtn = isAnalyst() ? h('a', { class: 'button', href: '/api/export/stix', id: 'export-shared', download: 'distillguard-shared.stix.json' }, 'Export shared (STIX)') : null;
  const filters = h('div', { class: 'filters' }, text,
    sel('target', [{ value: '', label: 'any target' }, ...summary.targets.map((t) => ({ value: t.name, label: `${t.name} (${t.count})` }))]),
    sel('tactic', [{ value: '', label: 'any tactic' }, ...summary.tactics.map((t) => ({ value: t.name, label: `${t.name} (${t.count})` }))]),
    sel('status', ['open', 'undecided', 'confirmed', 'shared', 'dismissed', 'suppressed', 'all']),
    minScore, exportBtn);
  const list = h('div', { id: 'campaign-list' });
  main.appendChild(h('section', { class: 'card' }, h('h2', null, 'Campaigns'), filters, list));

  async function load() {
    const p = new URLSearchParams();
    for (const k of ['q', 'target', 'tactic', 'status', 'min_score', 'sort', 'dir', 'offset', 'limit']) if (listState[k] !== '') p.set(k, listState[k]);
    const page = await api(`/api/campaigns?${p}`);
    clear(list);
    const onSort = (key) => { if (listState.sort === key) listState.dir = listState.dir === 'desc' ? 'asc' : 'desc'; else { listState.sort = key; listState.dir = 'desc'; } load(); };
    list.appendChild(table([
      { title: 'campaign', sort: 'id', render: (c) => link(`#/campaign/${encodeURIComponent(c.id)}`, c.id, 'campaign-link') },
      { title: 'confidence', sort: 'score', num: true, render: (c) => fmt.num(c.score) },
      { title: 'accounts', sort: 'accounts', num: true, render: (c) => fmt.int(c.accounts) },
      { title: 'exchanges', sort: 'exchanges', num: true, render: (c) => fmt.int(c.exchanges) },
      { title: 'harvest', sort: 'harvest_share', num: true, render: (c) => fmt.pct(c.harvest_share) },
      { title: 'first seen', sort: 'first_seen', render: (c) => fmt.time(c.first_seen) },
      { title: 'last seen', sort: 'last_seen', render: (c) => fmt.time(c.last_seen) },
      { title: 'targets', render: (c) => chips(c.targets, 'chip target') },
      { title: 'tactics', render: (c) => chips(c.tactics.slice(0, 5), 'chip tactic') },
      { title: 'decision', render: (c) => (c.decision ? h('span', { class: `badge d-${c.decision}` }, c.decision) : c.status === 'suppressed' ? h('span', { class: 'badge v-suppressed' }, 'suppressed') : '') },
    ], page.items, { onSort, sort: listState.sort, desc: listState.dir === 'desc', class: 'campaigns', rowAttrs: (c) => ({ dataset: { campaign: c.id } }) }));
    const pages = h('div', { class: 'pager' },
      h('button', { disabled: page.offset === 0 ? true : null, onclick: () => { listState.offset = Math.max(0, page.offset - page.limit); load(); } }, '‹ previous'),
      h('span', { id: 'page-info' }, `${page.total === 0 ? 0 : page.offset + 1}–${page.offset + page.items.length} of ${fmt.int(page.total)}`),
      h('button', { disabled: page.offset + page.items.length >= page.total ? true : null, onclick: () => { listState.offset = page.offset + page.limit; load(); } }, 'next ›'));
    list.appendChild(pages);
  }
  await load();
}

// ------------------------------------------------------------------ campaign page

async function campaignPage(id) {
  const d = await api(`/api/campaigns/${encodeURIComponent(id)}`);
  clear(main);
  main.appendChild(decisionBar('campaign', id, d.campaign.decision, d.decisions));
  main.appendChild(campaignCard(d, { account: (a) => `#/account/${encodeURIComponent(a)}`, exchange: exchangeHref }));
  const plots = h('section', { class: 'plots card' },
    h('div', { class: 'plot', id: 'p-traffic' }), h('div', { class: 'plot', id: 'p-pivot' }), h('div', { class: 'plot', id: 'p-hours' }),
    h('div', { class: 'graph-box' }, h('h4', null, 'Linked-account graph (click an account to open it; scroll to zoom)'), h('div', { class: 'graph', id: 'p-graph' })));
  main.appendChild(plots);
  const [act, graph] = await Promise.all([api(`/api/campaigns/${encodeURIComponent(id)}/activity`), api(`/api/campaigns/${encodeURIComponent(id)}/graph`)]);
  trafficChart(document.getElementById('p-traffic'), act.campaign, act.all);
  pivotChart(document.getElementById('p-pivot'), act.models);
  hoursChart(document.getElementById('p-hours'), act.hours_of_day, act.all_hours_of_day);
  linkGraph(document.getElementById('p-graph'), graph, (a) => { location.hash = `#/account/${encodeURIComponent(a)}`; });
}

// Confirm / dismiss (with a reason) / mark for sharing / reopen, and the decisions so far.
function decisionBar(kind, target, current, decisions) {
  const box = h('section', { class: 'card decisions', id: 'decision-bar' });
  const state = h('span', { id: 'decision-state', class: current ? `badge d-${current}` : 'badge' }, current || 'undecided');
  const reason = h('input', { type: 'text', id: 'dismiss-reason', placeholder: 'why this is a false positive (required to dismiss)', maxlength: 2000 });
  const msg = h('span', { class: 'msg', id: 'decision-msg' });
  const act = (action) => async () => {
    try {
      const body = { action, target_kind: kind, target, reason: reason.value.trim() || null };
      if (action === 'dismiss' && !body.reason) { msg.textContent = 'Give a reason to dismiss.'; reason.focus(); return; }
      const d = await api('/api/decisions', { method: 'POST', body });
      msg.textContent = `Recorded: ${d.action} by ${d.actor} at ${fmt.time(d.at)} (decision ${d.id}).`;
      state.textContent = { confirm: 'confirmed', dismiss: 'dismissed', share: 'shared', reopen: 'undecided' }[action];
      state.className = `badge d-${state.textContent}`;
      history.prepend(h('li', null, `${fmt.time(d.at)} ${d.actor} (${d.role}): ${d.action}${d.reason ? ` — ${d.reason}` : ''}`));
    } catch (x) { msg.textContent = `Refused: ${x.message}`; }
  };
  const history = h('ul', { class: 'history', id: 'decision-history' }, (decisions || []).map((d) =>
    h('li', null, `${fmt.time(d.at)} ${d.actor} (${d.role}): ${d.action}${d.reason ? ` — ${d.reason}` : ''}${d.active ? '' : ' (superseded)'}`)));
  box.appendChild(h('div', { class: 'decide' }, h('strong', null, `${kind} ${target}: `), state,
    isAnalyst() ? [
      h('button', { id: 'btn-confirm', onclick: act('confirm') }, 'Confirm'),
      reason, h('button', { id: 'btn-dismiss', class: 'warn', onclick: act('dismiss') }, 'Dismiss as false positive'),
      kind === 'campaign' ? h('button', { id: 'btn-share', onclick: act('share') }, 'Mark for sharing') : null,
      h('button', { id: 'btn-reopen', class: 'link', onclick: act('reopen') }, 'Reopen'),
      kind === 'campaign' ? h('a', { class: 'button', id: 'btn-export', href: `/api/export/stix?campaign=${encodeURIComponent(target)}`, download: `${target}.stix.json` }, 'Export STIX') : null,
    ] : h('span', { class: 'muted' }, ' (viewers cannot decide)'), msg));
  box.appendChild(history);
  return box;
}

// ------------------------------------------------------------------ account page

async function accountPage(id) {
  const a = await api(`/api/accounts/${encodeURIComponent(id)}`);
  clear(main);
  const v = a.verdict;
  main.appendChild(decisionBar('account', id, null, a.decisions.filter((d) => d.target_kind === 'account')));
  const reg = a.registry || {};
  const p = a.profile || {};
  main.appendChild(h('section', { class: 'card account', dataset: { account: id } },
    h('h2', null, id, ' ', badge(v.verdict), ' ', h('span', { class: 'score' }, `score ${fmt.num(v.score)}`)),
    h('p', null, v.campaign ? ['member of ', link(`#/campaign/${encodeURIComponent(v.campaign)}`, v.campaign)] : 'in no published campaign',
      v.suppressed_campaign ? [' · was in ', link(`#/campaign/${encodeURIComponent(v.suppressed_campaign)}`, v.suppressed_campaign), ' (suppressed by a dismissal)'] : null,
      a.campaigns.length > 1 ? ` · listed in ${a.campaigns.join(', ')}` : null),
    h('div', { class: 'row2' },
      h('div', null, h('h3', null, 'Profile'), kv([
        ['exchanges', fmt.int(p.exchanges)], ['first seen', fmt.time(p.first_seen)], ['last seen', fmt.time(p.last_seen)], ['active days', p.active_days],
        ['harvest exchanges', `${fmt.int(p.harvest_exchanges)} (${fmt.pct(p.harvest_share)})`], ['harvest strength', fmt.num(p.harvest_strength)],
        ['timing CV', p.timing_cv == null ? '–' : fmt.num(p.timing_cv)], ['max output tokens', p.max_output_tokens], ['max thinking budget', p.max_thinking_budget],
        ['top template share', fmt.pct(p.top_template_share)], ['distinct items (est.)', fmt.int(Math.round(p.distinct_items_est || 0))],
        ['artifacts issued / presented', `${p.artifacts_issued ?? 0} / ${p.artifacts_presented ?? 0}`],
      ])),
      h('div', null, h('h3', null, 'Registry'), a.registry ? kv([
        ['created', fmt.time(reg.created)], ['tier', reg.tier], ['organisation', reg.org_name], ['e-mail domain', reg.email_domain],
        ['payment fingerprint', reg.payment_fp], ['country', reg.country], ['verified', reg.verified == null ? '–' : String(reg.verified)],
      ]) : h('p', { class: 'muted' }, 'Not in the account registry.'))),
    h('h3', null, 'Why: reasons behind the score'),
    table([
      { title: '#', key: 'rank', num: true }, { title: 'signal', render: (r) => h('span', { class: 'chip kind' }, r.signal) },
      { title: 'weight', num: true, render: (r) => fmt.num(r.weight, 3) }, { title: 'detail', key: 'detail' },
      { title: 'exchanges', render: (r) => h('span', { class: 'ids' }, r.exchange_ids.slice(0, 4).map((x) => link(exchangeHref(x), x, 'exid'))) },
    ], a.reasons, { class: 'reasons' }),
    h('div', { class: 'plot', id: 'p-timeline' }),
    h('div', { class: 'row2' },
      h('div', null, h('h3', null, 'Infrastructure and clients'), table([
        { title: 'kind', key: 'kind' }, { title: 'value', render: (r) => h('code', null, r.value) }, { title: 'exchanges', num: true, render: (r) => fmt.int(r.exchanges) },
      ], [...a.keys, ...a.infra])),
      h('div', null, h('h3', null, 'Links to other accounts'), a.links.length === 0 ? h('p', { class: 'muted' }, 'No weighted link.') : table([
        { title: 'kind', key: 'kind' }, { title: 'value', render: (l) => h('code', null, l.value + (l.hosting ? ' (hosting)' : '')) },
        { title: 'weight', num: true, render: (l) => fmt.num(l.weight) }, { title: 'accounts', num: true, key: 'accounts' },
        { title: 'shared with', render: (l) => h('span', { class: 'ids' }, l.others.map(accountLink), l.accounts - 1 > l.others.length ? ` +${l.accounts - 1 - l.others.length}` : '') },
      ], a.links, { class: 'links' }))),
    h('h3', null, 'Exchanges cited as evidence'),
    a.exchanges.length === 0 ? h('p', { class: 'muted' }, 'None read back (the store was written without the logs).') : table([
      { title: 'exchange', render: (x) => link(exchangeHref(x.id), x.id, 'exid') }, { title: 'time', render: (x) => fmt.time(x.ts) },
      { title: 'model', key: 'model' }, { title: 'signals', render: (x) => chips(x.signals, 'chip kind') },
      { title: 'prompt', render: (x) => h('span', { class: 'clip' }, x.prompt.slice(0, 140)) },
    ], a.exchanges, { class: 'exchanges' }),
    h('div', { class: 'row2' },
      h('div', null, h('h3', null, 'Verdict history'), a.history.length === 0 ? h('p', { class: 'muted' }, 'No change recorded.') : table([
        { title: 'run', key: 'run', num: true }, { title: 'at', render: (r) => fmt.time(r.at) }, { title: 'verdict', render: (r) => badge(r.verdict) },
        { title: 'score', num: true, render: (r) => fmt.num(r.score) }, { title: 'campaign', render: (r) => r.campaign || '' },
      ], a.history)),
      h('div', null, h('h3', null, 'Decisions on this account or its campaigns'), a.decisions.length === 0 ? h('p', { class: 'muted' }, 'None.') : table([
        { title: 'at', render: (d) => fmt.time(d.at) }, { title: 'who', render: (d) => `${d.actor} (${d.role})` }, { title: 'action', key: 'action' },
        { title: 'target', render: (d) => `${d.target_kind} ${d.target}` }, { title: 'reason', render: (d) => d.reason || '' },
      ], a.decisions)))));
  const tl = await api(`/api/accounts/${encodeURIComponent(id)}/timeline`);
  timelineChart(document.getElementById('p-timeline'), tl);
}

function kv(pairs) {
  return h('table', { class: 'kv' }, h('tbody', null, pairs.map(([k, v]) => h('tr', null, h('th', null, k), h('td', null, v ?? '–')))));
}

// ------------------------------------------------------------------ exchange page

async function exchangePage(id) {
  const x = await api(`/api/exchanges/${encodeURIComponent(id)}`);
  clear(main);
  const hasText = x.prompt || x.response || x.system_text;
  main.appendChild(h('section', { class: 'card exchange', dataset: { exchange: id } },
    h('h2', null, `Exchange ${x.id}`),
    kv([['account', x.account ? accountLink(x.account) : '–'], ['time', fmt.time(x.ts)], ['api', x.api], ['model', x.model], ['API key', x.api_key], ['client IP', x.ip], ['status', x.status]]),
    h('h3', null, 'Signals'), x.signals.length ? chips(x.signals, 'chip kind') : h('p', { class: 'muted' }, 'none'),
    x.phrases.length ? h('p', null, 'Matched phrases: ', chips(x.phrases, 'chip phrase')) : null,
    h('p', { class: 'muted' }, 'Cited by: ', x.cited_by.join('; ') || '–'),
    hasText ? [
      x.system_text ? [h('h3', null, 'System / instructions'), highlight(x.system_text, x.phrases)] : null,
      h('h3', null, 'Prompt'), highlight(x.prompt, x.phrases),
      x.response ? [h('h3', null, 'Response'), highlight(x.response, [])] : null,
    ] : h('p', { class: 'muted' }, 'The text of this exchange was not read back into the store.')));
}

// ------------------------------------------------------------------ search, decisions, audit

async function searchPage(q) {
  const box = document.getElementById('search-box');
  if (box) box.value = q;
  const r = await api(`/api/search?q=${encodeURIComponent(q)}&limit=200`);
  clear(main);
  main.appendChild(h('section', { class: 'card search-results' },
    h('h2', null, `Search: ${q}`),
    r.hits.length === 0 ? h('p', { class: 'muted', id: 'no-hits' }, 'Nothing found. Try an account id, an API key, an IP or prefix (e.g. 193.29.105.0/24 or 193.29.), a payment fingerprint or an exchange id.')
      : table([
        { title: 'kind', render: (x) => h('span', { class: 'chip kind' }, x.kind) },
        { title: 'value', render: (x) => (x.kind === 'exchange' ? link(exchangeHref(x.value), x.value) : x.kind === 'campaign' ? link(`#/campaign/${encodeURIComponent(x.value)}`, x.value) : h('code', null, x.value)) },
        { title: 'account', render: (x) => (x.account ? accountLink(x.account) : '') },
        { title: 'verdict', render: (x) => (x.verdict ? badge(x.verdict) : '') },
        { title: 'campaign', render: (x) => (x.campaign ? link(`#/campaign/${encodeURIComponent(x.campaign)}`, x.campaign) : '') },
        { title: 'detail', key: 'detail' },
      ], r.hits, { class: 'hits' })));
}

async function decisionsPage() {
  const list = await api('/api/decisions');
  clear(main);
  main.appendChild(h('section', { class: 'card' }, h('h2', null, 'Decisions'), table([
    { title: 'id', key: 'id', num: true }, { title: 'at', render: (d) => fmt.time(d.at) }, { title: 'who', render: (d) => `${d.actor} (${d.role})` },
    { title: 'action', key: 'action' },
    { title: 'target', render: (d) => link(`#/${d.target_kind}/${encodeURIComponent(d.target)}`, `${d.target_kind} ${d.target}`) },
    { title: 'run', key: 'run', num: true }, { title: 'accounts', num: true, render: (d) => d.accounts.length },
    { title: 'evidence kinds', render: (d) => chips(d.evidence_kinds, 'chip kind') }, { title: 'reason', render: (d) => d.reason || '' },
    { title: 'active', render: (d) => (d.active ? 'yes' : 'no') },
  ], list, { class: 'decision-log' })));
}

async function auditPage() {
  const list = await api('/api/audit');
  clear(main);
  main.appendChild(h('section', { class: 'card' }, h('h2', null, 'Audit log'), table([
    { title: 'id', key: 'id', num: true }, { title: 'at', render: (a) => fmt.time(a.at) }, { title: 'who', render: (a) => `${a.actor} (${a.role})` },
    { title: 'action', key: 'action' }, { title: 'target', key: 'target' }, { title: 'detail', render: (a) => a.detail || '' }, { title: 'from', render: (a) => a.remote || '' },
  ], list, { class: 'audit-log' })));
}

function tile(label, value) {
  return h('div', { class: 'tile' }, h('div', { class: 'value' }, value), h('div', { class: 'label' }, label));
}
