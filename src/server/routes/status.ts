/** The status page at /: tenants, datacard counts by status and by year, links to the API docs. */
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { statusSummary, type TenantSummary } from '../../services/status/summary.ts';
import { DATACARD_STATUS_VALUES } from '../../shared/status.ts';
import type { AppEnv } from '../env.ts';

const style = raw(`<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2733;background:#f5f7fa}
header{background:#17324d;color:#fff;padding:16px 32px}header h1{margin:0;font-size:22px}
main{padding:24px 32px;max-width:1100px}section{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:16px 24px;margin-bottom:24px}
table{border-collapse:collapse;margin:8px 0}td,th{padding:4px 12px;border-bottom:1px solid #e6eaef;text-align:right}th:first-child,td:first-child{text-align:left}
.badge{background:#f0b429;color:#222;border-radius:4px;padding:2px 8px;font-size:12px;margin-left:8px}
.bars{display:flex;align-items:flex-end;gap:2px;height:120px;margin-top:8px}.bars div{background:#3b7dd8;flex:1;min-width:3px}
.years{display:flex;justify-content:space-between;font-size:12px;color:#5b6b7b}a{color:#1f5fae}
</style>`);

function tenantSection(t: TenantSummary) {
  const max = Math.max(1, ...t.byYear.map((y) => y.cards));
  const first = t.byYear[0]?.year;
  const last = t.byYear.at(-1)?.year;
  return html`<section data-tenant="${t.code}">
    <h2>${t.name} <small>(${t.code})</small>${t.synthetic ? html`<span class="badge">synthetic demo data</span>` : ''}</h2>
    <p><strong data-testid="card-count">${t.cards.toLocaleString('en')}</strong> datacards ·
      ${t.levels.map((l) => html`${l.units.toLocaleString('en')} ${l.name.toLowerCase()} units · `)}${t.eventTypes} event types</p>
    <table><thead><tr><th>Status</th><th>Datacards</th></tr></thead><tbody>
    ${DATACARD_STATUS_VALUES.map((s) => html`<tr><td>${s}</td><td>${(t.byStatus[s] ?? 0).toLocaleString('en')}</td></tr>`)}
    </tbody></table>
    <h3>Datacards by year</h3>
    <div class="bars" role="img" aria-label="datacards by year">
      ${t.byYear.map((y) => html`<div title="${y.year}: ${y.cards}" style="height:${Math.round((y.cards / max) * 100)}%"></div>`)}
    </div>
    <div class="years"><span>${first ?? ''}</span><span>${last ?? ''}</span></div>
  </section>`;
}

/** The status page route. */
export function statusRoutes() {
  return new Hono<AppEnv>().get('/', async (c) => {
    const tenants = await statusSummary(c.var.db);
    return c.html(html`<!doctype html><html lang="en"><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width,initial-scale=1"><title>LossLedger — status</title>${style}</head>
      <body><header><h1>LossLedger</h1><div>Disaster loss and damage database — server status</div></header>
      <main><p>API: <a href="/api/docs">interactive documentation</a> · <a href="/api/openapi.json">OpenAPI document</a> ·
      <a href="/api/health">health</a></p>
      ${tenants.length === 0 ? html`<section><p>No tenant yet. Create one with <code>lossledger tenant create</code>.</p></section>` : ''}
      ${tenants.map(tenantSection)}</main></body></html>`);
  });
}
