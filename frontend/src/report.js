// report.html: everything from the inline JSON, plots drawn as sections scroll into view.
import { h, fmt, chips } from './util.js';
import { campaignCard } from './campaign.js';
import { trafficChart, pivotChart, hoursChart, scoreChart, linkGraph } from './charts.js';

export function renderReport(root, data) {
  const s = data.summary;
  const run = s.run || {};
  const sections = data.campaigns;
  root.appendChild(h('header', { class: 'report-head' },
    h('h1', null, data.title),
    h('p', { class: 'muted' }, `Generated ${fmt.time(data.generated_at)} from ${data.store}; analysis run ${run.id ?? '–'} (${run.source ?? ''}) written ${fmt.time(run.written_at)}.`)));
  root.appendChild(h('section', { class: 'card summary', id: 'summary' },
    h('h2', null, 'Summary'),
    h('div', { class: 'tiles' },
      tile('exchanges read', fmt.int(run.exchanges)), tile('accounts', fmt.int(s.accounts)), tile('campaigns', fmt.int(s.campaigns)),
      tile('campaign accounts', fmt.int(s.campaign_accounts)), tile('watch accounts', fmt.int(s.watch_accounts)),
      tile('quarantined lines', fmt.int(run.quarantined)), tile('suppressed by dismissals', fmt.int(s.suppressed_campaigns)),
      tile('window', `${fmt.day(run.first_seen)} → ${fmt.day(run.last_seen)}`)),
    h('div', { class: 'row2' }, h('div', null, h('h4', null, 'Targets'), chips(s.targets.map((t) => `${t.name} ×${t.count}`), 'chip target')),
      h('div', null, h('h4', null, 'Tactics'), chips(s.tactics.map((t) => `${t.name} ×${t.count}`), 'chip tactic'))),
    h('div', { class: 'plot', id: 'score-plot' })));
  scoreChart(root.querySelector('#score-plot'), data.histogram, data.thresholds);

  root.appendChild(h('nav', { class: 'card toc' }, h('h2', null, 'Campaigns'),
    h('ol', null, sections.map((sec) => h('li', null, h('a', { href: `#${sec.detail.campaign.id}` }, sec.detail.campaign.id),
      ` — ${sec.detail.campaign.accounts} accounts, confidence ${fmt.num(sec.detail.campaign.score)}, ${sec.detail.campaign.tactics.slice(0, 4).join(', ')}`,
      sec.detail.campaign.status === 'suppressed' ? ' (suppressed)' : '')))));

  const links = { account: () => null, exchange: () => null };
  const pending = new Map();
  for (const sec of sections) {
    const id = sec.detail.campaign.id;
    const el = h('section', { class: 'campaign', id, dataset: { campaign: id } },
      campaignCard(sec.detail, links),
      h('div', { class: 'plots' },
        h('div', { class: 'plot', dataset: { plot: 'traffic' } }), h('div', { class: 'plot', dataset: { plot: 'pivot' } }),
        h('div', { class: 'plot', dataset: { plot: 'hours' } }),
        h('div', { class: 'graph-box' }, h('h4', null, `Linked-account graph${sec.graph.truncated ? ' (strongest members and keys)' : ''}`),
          h('div', { class: 'graph', dataset: { plot: 'graph' } }))));
    root.appendChild(el);
    pending.set(el, sec);
  }
  const draw = (el) => {
    const sec = pending.get(el);
    if (!sec) return;
    pending.delete(el);
    const a = sec.activity;
    trafficChart(el.querySelector('[data-plot=traffic]'), a.campaign, data.traffic);
    pivotChart(el.querySelector('[data-plot=pivot]'), a.models);
    hoursChart(el.querySelector('[data-plot=hours]'), a.hours_of_day, a.all_hours_of_day);
    linkGraph(el.querySelector('[data-plot=graph]'), sec.graph, null);
    el.dataset.drawn = 'true';
  };
  if ('IntersectionObserver' in window) {
    const io = new IntersectionObserver((entries) => entries.forEach((e) => { if (e.isIntersecting) { draw(e.target); io.unobserve(e.target); } }), { rootMargin: '400px' });
    pending.forEach((_, el) => io.observe(el));
  } else pending.forEach((_, el) => draw(el));
  // Printing or a test can ask for every plot at once.
  window.dgDrawAll = () => [...pending.keys()].forEach(draw);
  window.addEventListener('beforeprint', () => window.dgDrawAll());
}

function tile(label, value) {
  return h('div', { class: 'tile' }, h('div', { class: 'value' }, value), h('div', { class: 'label' }, label));
}
