// Plots, drawn by Apache ECharts (tree-shaken) and the account graph by Cytoscape.js.
import * as echarts from 'echarts/core';
import { LineChart, BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, DataZoomComponent, TitleComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import cytoscape from 'cytoscape';
import { h } from './util.js';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, DataZoomComponent, TitleComponent, CanvasRenderer]);

const charts = new Set();
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

function chart(el, option) {
  const c = echarts.init(el, null, { renderer: 'canvas' });
  c.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, ...option });
  charts.add(c);
  el.dataset.chart = 'echarts';
  return c;
}

export function disposeCharts() {
  charts.forEach((c) => c.dispose());
  charts.clear();
}

const grid = { left: 56, right: 56, top: 36, bottom: 40 };

// Campaign members' traffic per hour against all traffic (second axis).
export function trafficChart(el, campaign, all) {
  return chart(el, {
    title: { text: 'Traffic over time: campaign vs all', left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { ...grid, bottom: 48 },
    xAxis: { type: 'time' },
    yAxis: [{ type: 'value', name: 'campaign / h' }, { type: 'value', name: 'all / h', splitLine: { show: false } }],
    series: [
      { name: 'campaign exchanges', type: 'line', showSymbol: false, data: campaign.map((p) => [p.hour_ms, p.exchanges]), areaStyle: { opacity: 0.15 } },
      { name: 'campaign harvest', type: 'line', showSymbol: false, data: campaign.map((p) => [p.hour_ms, p.harvest]), lineStyle: { type: 'dashed' } },
      { name: 'all traffic', type: 'line', yAxisIndex: 1, showSymbol: false, data: all.map((p) => [p.hour_ms, p.exchanges]), lineStyle: { color: '#999' }, itemStyle: { color: '#999' } },
    ],
  });
}

// Members' daily exchanges per model, each model's first appearance marked: moving onto a new model within hours of its release.
export function pivotChart(el, models) {
  return chart(el, {
    title: { text: 'Model-release pivot: members per model per day', left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { ...grid, bottom: 48 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: 'exchanges / day' },
    series: models.map((m) => ({
      name: m.model, type: 'line', showSymbol: true, symbolSize: 4, data: m.days.map((d) => [d[0], d[1]]),
      markLine: { symbol: 'none', label: { formatter: `${m.model} first seen`, fontSize: 10 }, lineStyle: { type: 'dotted' }, data: [{ xAxis: m.first_seen_ms }] },
    })),
  });
}

// Members' activity by hour of day (UTC) against all traffic's, both as shares.
export function hoursChart(el, hours, allHours) {
  const sum = (a) => a.reduce((x, y) => x + y, 0) || 1;
  const hs = sum(hours), as = sum(allHours);
  return chart(el, {
    title: { text: 'Activity by hour of day (UTC)', left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${(v * 100).toFixed(1)} %` },
    legend: { bottom: 0 },
    grid: { ...grid, bottom: 48 },
    xAxis: { type: 'category', data: [...Array(24).keys()].map((i) => String(i).padStart(2, '0')) },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => `${Math.round(v * 100)} %` } },
    series: [
      { name: 'campaign members', type: 'bar', data: hours.map((v) => v / hs) },
      { name: 'all traffic', type: 'line', data: allHours.map((v) => v / as), itemStyle: { color: '#999' } },
    ],
  });
}

// Verdict scores of every account, one bar per verdict, the thresholds marked (log scale: clear accounts dominate).
export function scoreChart(el, bins, thresholds) {
  const x = bins.map((b) => b.from.toFixed(2));
  const at = (v) => Math.min(bins.length - 1, Math.floor(v * bins.length)).toString();
  return chart(el, {
    title: { text: 'Score distribution (all accounts)', left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { ...grid, bottom: 48 },
    xAxis: { type: 'category', data: x, name: 'score' },
    yAxis: { type: 'log', name: 'accounts', min: 1, logBase: 10 },
    series: [
      { name: 'clear', type: 'bar', barGap: '0%', data: bins.map((b) => b.clear || null), itemStyle: { color: '#8fbf8f' },
        markLine: { symbol: 'none', label: { formatter: '{b}' }, lineStyle: { color: '#c33', type: 'dashed' },
          data: [{ name: `watch ≥ ${thresholds.watch}`, xAxis: at(thresholds.watch) }, { name: `campaign ≥ ${thresholds.campaign}`, xAxis: at(thresholds.campaign) }] } },
      { name: 'watch', type: 'bar', data: bins.map((b) => b.watch || null), itemStyle: { color: '#e0b040' } },
      { name: 'campaign', type: 'bar', data: bins.map((b) => b.campaign || null), itemStyle: { color: '#c0392b' } },
    ],
  });
}

// One account's exchanges per hour.
export function timelineChart(el, points) {
  return chart(el, {
    title: { text: 'Exchanges per hour', left: 'center', textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { ...grid, bottom: 48 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value' },
    dataZoom: [{ type: 'inside' }],
    series: [
      { name: 'exchanges', type: 'bar', data: points.map((p) => [p.hour_ms, p.exchanges]) },
      { name: 'harvest', type: 'bar', data: points.map((p) => [p.hour_ms, p.harvest]), itemStyle: { color: '#c0392b' } },
    ],
  });
}

const kindColors = { template: '#8e44ad', skeleton: '#8e44ad', 'system-prompt': '#8e44ad', 'shared-ip': '#2980b9', 'shared-prefix': '#2980b9',
  'shared-payment': '#d35400', 'creation-burst': '#16a085', 'model-release-pivot': '#7f8c8d', 'reasoning-replay': '#c0392b' };

// The linked-account graph: accounts (round, coloured by verdict) joined to the values they share (squares).
export function linkGraph(el, graph, onAccount) {
  const elements = [
    ...graph.nodes.map((n) => ({ data: { id: n.id, label: n.type === 'key' ? n.label : n.label.replace(/^acct_/, ''), type: n.type, kind: n.kind || '', verdict: n.verdict || '', w: n.weight } })),
    ...graph.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, n: e.exchanges } })),
  ];
  const keyLabels = graph.nodes.filter((n) => n.type === 'key').length <= 12;
  const cy = cytoscape({
    container: el,
    elements,
    style: [
      { selector: 'node[type = "account"]', style: { 'background-color': (n) => ({ campaign: '#c0392b', watch: '#e0b040' }[n.data('verdict')] || '#8fbf8f'), width: 10, height: 10, label: '', 'font-size': 6 } },
      { selector: 'node[type = "key"]', style: { shape: 'round-rectangle', 'background-color': (n) => kindColors[n.data('kind')] || '#555', width: 16, height: 16, label: keyLabels ? 'data(label)' : '', 'font-size': 7, color: '#333', 'text-valign': 'bottom' } },
      { selector: 'edge', style: { width: 0.6, 'line-color': '#bbb', opacity: 0.7 } },
      { selector: 'node:selected', style: { 'border-width': 2, 'border-color': '#000', label: 'data(label)' } },
    ],
    layout: graph.nodes.length > 250 ? { name: 'concentric', animate: false, concentric: (n) => (n.data('type') === 'key' ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 4 }
      : { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 4000, idealEdgeLength: () => 40, numIter: 300 },
  });
  cy.on('mouseover', 'node', (e) => e.target.style('label', e.target.data('label')));
  cy.on('mouseout', 'node', (e) => { if (!e.target.selected() && (e.target.data('type') === 'account' || !keyLabels)) e.target.style('label', ''); });
  if (onAccount) cy.on('tap', 'node[type = "account"]', (e) => onAccount(e.target.id().slice(2)));
  el.dataset.chart = 'cytoscape';
  el.dataset.nodes = String(graph.nodes.length);
  return cy;
}

export function chartBox(cls = 'plot') {
  return h('div', { class: cls });
}
