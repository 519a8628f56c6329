import './style.css';
import { renderReport } from './report.js';
import { startDashboard } from './dashboard.js';

function boot() {
  const data = document.getElementById('dg-report-data');
  if (data) {
    renderReport(document.getElementById('dg-report'), JSON.parse(data.textContent));
    document.body.dataset.ready = 'true';
    return;
  }
  const app = document.getElementById('dg-app');
  if (app) startDashboard(app).finally(() => { document.body.dataset.ready = 'true'; });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
