// The campaign evidence card, the same in the report and on the dashboard's campaign page.
import { h, fmt, chips, badge, table, highlight } from './util.js';

const infraKinds = new Set(['shared-ip', 'shared-prefix', 'hosting-prefix', 'rotating-exits', 'ja4', 'user-agent', 'route', 'shared-ja4', 'shared-user-agent', 'reseller-route', 'asn']);
const templateKinds = new Set(['template', 'shared-template', 'skeleton', 'system-prompt', 'partitioned-items']);

// links: { account(id) -> href|null, exchange(id) -> href|null }
export function campaignCard(d, links) {
  const c = d.campaign;
  const ex = d.examples || {};
  const status = c.status === 'suppressed' ? h('span', { class: 'badge v-suppressed' }, 'suppressed by a dismissal') : null;
  const decision = c.decision ? h('span', { class: `badge d-${c.decision}` }, c.decision) : null;
  const infra = d.keys.filter((k) => infraKinds.has(k.kind) || /ip|prefix|ja4|agent|route|exit/.test(k.kind));
  const partner = d.evidence.filter((e) => e.kind === 'partner-indicator');
  const overlaps = d.overlaps.filter((o) => ['payment', 'email-domain', 'signup-hour'].includes(o.kind));
  const exampleLink = (id) => {
    const href = links.exchange(id);
    return href ? h('a', { href, class: 'exid' }, id) : h('code', { class: 'exid' }, id);
  };

  return h('div', { class: 'card campaign-card', dataset: { campaign: c.id } },
    h('div', { class: 'card-head' },
      h('h2', null, c.id, ' ', status, decision),
      h('div', { class: 'facts' },
        fact('confidence', fmt.num(c.score)), fact('accounts', fmt.int(c.accounts)), fact('exchanges', fmt.int(c.exchanges)),
        fact('harvest share', fmt.pct(c.harvest_share)), fact('first seen', fmt.time(c.first_seen)), fact('last seen', fmt.time(c.last_seen)))),
    h('div', { class: 'row2' },
      h('div', null, h('h4', null, 'Targets'), chips(c.targets, 'chip target')),
      h('div', null, h('h4', null, 'Tactics'), chips(c.tactics, 'chip tactic'))),
    h('h3', null, 'Strongest evidence'),
    table([
      { title: 'kind', render: (e) => h('span', { class: 'chip kind' }, e.kind) },
      { title: 'summary', render: (e) => h('div', null, e.summary, promptOf(e, ex)) },
      { title: 'weight', num: true, render: (e) => h('span', { class: 'weight' }, h('span', { class: 'bar', style: { width: `${Math.min(100, e.weight * 100)}%` } }), fmt.num(e.weight, 3)) },
      { title: 'example exchanges', render: (e) => h('span', { class: 'ids' }, e.exchange_ids.slice(0, 5).map(exampleLink)) },
    ], d.evidence, { class: 'evidence' }),
    h('div', { class: 'row2' },
      h('div', null, h('h3', null, 'Infrastructure'),
        infra.length === 0 ? h('p', { class: 'muted' }, 'No shared network or client value among the binding keys.')
          : table([
            { title: 'kind', key: 'kind' }, { title: 'value', render: (k) => h('code', null, k.value + (k.hosting ? ' (hosting/VPN)' : '')) },
            { title: 'members', num: true, key: 'members' }, { title: 'carriers', num: true, key: 'accounts_on_key' },
          ], infra.slice(0, 15))),
      h('div', null, h('h3', null, 'Payment and registration overlaps'),
        overlaps.length === 0 ? h('p', { class: 'muted' }, 'No two members share a payment fingerprint, e-mail domain or sign-up hour.')
          : table([{ title: 'kind', key: 'kind' }, { title: 'value', render: (o) => h('code', null, o.value) }, { title: 'members', num: true, key: 'members' }], overlaps))),
    partner.length > 0 ? h('div', null, h('h3', null, 'Partner corroboration'), h('ul', null, partner.map((e) => h('li', null, e.summary)))) : null,
    h('h3', null, `Members (${fmt.int(d.member_total)}${d.members.length < d.member_total ? `, ${d.members.length} shown` : ''})`),
    h('div', { class: 'scroll' }, table([
      { title: 'account', render: (m) => { const href = links.account(m.account); return href ? h('a', { href, class: 'acct' }, m.account) : m.account; } },
      { title: 'verdict', render: (m) => badge(m.verdict) },
      { title: 'score', num: true, render: (m) => fmt.num(m.score) },
      { title: 'exchanges', num: true, render: (m) => fmt.int(m.exchanges) },
      { title: 'strength', num: true, render: (m) => fmt.num(m.strength) },
      { title: 'harvest', num: true, render: (m) => fmt.pct(m.harvest_share) },
      { title: 'top IP', render: (m) => m.top_ip || '' },
      { title: 'payment', render: (m) => m.payment_fp || '' },
      { title: 'e-mail domain', render: (m) => m.email_domain || '' },
      { title: 'created', render: (m) => fmt.time(m.created) },
    ], d.members, { class: 'members' })));
}

function fact(label, value) {
  return h('div', { class: 'fact' }, h('span', { class: 'label' }, label), h('span', { class: 'value' }, value));
}

// The prompt skeleton behind a piece of evidence: the first example exchange's prompt, variable parts (numbers) masked.
function promptOf(e, examples) {
  const s = e.exchange_ids.map((id) => examples[id]).find((x) => x && x.prompt);
  if (!s) return null;
  const skeleton = s.prompt.replace(/\d+(?:[.,]\d+)*/g, '#').slice(0, 600);
  const isTemplate = templateKinds.has(e.kind);
  return h('details', { class: 'skeleton', open: isTemplate ? true : null },
    h('summary', null, `prompt skeleton (${s.id}, ${s.model || 'model?'})`),
    highlight(skeleton, s.phrases));
}

export function emptyNote(text) { return h('p', { class: 'muted' }, text); }
