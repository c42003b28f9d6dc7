// silkgrid's report: draws every chart from window.SILKGRID (report::report_data) with
// ECharts, bundled into the same file. No request leaves the page.
(function () {
  'use strict';
  const D = window.SILKGRID;
  const fmt = (v, d = 1) => (v === null || v === undefined ? '–' : Number(v).toLocaleString('en-GB', {maximumFractionDigits: d, minimumFractionDigits: d}));
  const twh = (mwh) => mwh / 1e6;
  const charts = [];

  function chart(id, option, nonEmpty) {
    const el = document.getElementById(id);
    if (!el) return null;
    const c = echarts.init(el, null, {renderer: 'canvas'});
    c.setOption(Object.assign({animation: false}, option));
    el.dataset.drawn = nonEmpty ? 'true' : 'empty';
    charts.push(c);
    return c;
  }

  function headline() {
    document.getElementById('title').textContent = 'silkgrid report: ' + D.study;
    const items = [
      ['System cost', fmt(D.objective_eur / 1e9, 2) + ' bn EUR/yr'],
      ['Exports to markets', fmt(twh(D.exports_mwh), 1) + ' TWh' +
        (D.net_exports_mwh !== null ? ' (net ' + fmt(twh(D.net_exports_mwh), 1) + ')' : '')],
      ['CO2', fmt(D.co2_t / 1e6, 1) + ' Mt'],
      ['Snapshots', String(D.snapshots)],
    ];
    document.getElementById('headline').innerHTML = items.map(([k, v]) => '<div class="kpi"><span>' + k + '</span><b>' + v + '</b></div>').join('');
  }

  function map() {
    const regions = D.map.regions.filter((r) => r.lat !== null && r.lon !== null);
    const at = {};
    regions.forEach((r) => (at[r.name] = [r.lon, r.lat]));
    const maxCap = Math.max(1, ...D.map.links.map((l) => l.capacity_mw));
    const lines = D.map.links.filter((l) => at[l.from] && at[l.to]).map((l) => ({
      name: l.name,
      coords: [at[l.from], at[l.to]],
      lineStyle: {width: 1 + 9 * l.capacity_mw / maxCap, opacity: 0.35 + 0.6 * Math.min(1, l.utilisation), curveness: 0.1,
        type: l.capacity_mw > 0 ? 'solid' : 'dashed'},
      value: [l.capacity_mw, l.net_mwh, l.utilisation],
    }));
    chart('map', {
      tooltip: {formatter: (p) => p.seriesType === 'lines'
        ? p.name + '<br>' + fmt(p.value[0], 0) + ' MW, net ' + fmt(twh(p.value[1]), 2) + ' TWh, used ' + fmt(100 * p.value[2], 0) + ' %'
        : p.name + '<br>' + fmt(p.value[2], 1) + ' EUR/MWh'},
      xAxis: {type: 'value', name: 'longitude', scale: true}, yAxis: {type: 'value', name: 'latitude', scale: true},
      series: [
        {type: 'lines', coordinateSystem: 'cartesian2d', polyline: false, data: lines, label: {show: true, formatter: (p) => p.name, fontSize: 9}},
        {type: 'scatter', symbolSize: 16, data: regions.map((r) => ({name: r.name, value: [r.lon, r.lat, r.price]})),
          label: {show: true, position: 'right', formatter: (p) => p.name}},
      ],
    }, lines.length + regions.length > 0);
  }

  function capacity() {
    const c = D.capacity;
    const series = [];
    c.carriers.forEach((k) => {
      series.push({name: k + ' (existing)', type: 'bar', stack: 'existing', data: c.existing[k].map((v) => v / 1e3)});
      if (c.new[k].some((v) => v > 0)) series.push({name: k + ' (new)', type: 'bar', stack: 'new', data: c.new[k].map((v) => v / 1e3)});
    });
    chart('capacity', {tooltip: {trigger: 'axis'}, legend: {type: 'scroll'}, grid: {top: 60},
      xAxis: {type: 'category', data: c.regions}, yAxis: {type: 'value', name: 'GW'}, series}, series.length > 0);
  }

  function balance() {
    const b = D.balance;
    const keys = ['generation', 'demand', 'imports', 'exports', 'curtailment', 'unserved'];
    chart('balance', {tooltip: {trigger: 'axis'}, legend: {}, grid: {top: 50},
      xAxis: {type: 'category', data: b.countries}, yAxis: {type: 'value', name: 'TWh'},
      series: keys.map((k) => ({name: k, type: 'bar', data: b[k].map(twh)}))}, b.countries.length > 0);
  }

  function dispatch() {
    const select = document.getElementById('dispatch-region');
    const weekSelect = document.getElementById('dispatch-week');
    const names = Object.keys(D.dispatch.regions);
    select.innerHTML = names.map((n) => '<option>' + n + '</option>').join('');
    weekSelect.innerHTML = D.dispatch.weeks.map((w, i) => '<option value="' + i + '">' + w.label +
      (i === D.dispatch.peak_week ? ' (highest demand)' : '') + '</option>').join('');
    weekSelect.value = String(D.dispatch.peak_week);
    let c = null;
    const draw = () => {
      const r = D.dispatch.regions[select.value];
      const w = D.dispatch.weeks[Number(weekSelect.value)];
      const cut = (v) => v.slice(w.start, w.end);
      const series = Object.entries(r.carriers).map(([k, v]) => ({name: k, type: 'line', stack: 'p', areaStyle: {}, symbol: 'none', data: cut(v)}));
      series.push({name: 'load', type: 'line', symbol: 'none', lineStyle: {color: '#000', width: 2}, data: cut(r.load)});
      series.push({name: 'price', type: 'line', symbol: 'none', yAxisIndex: 1, lineStyle: {type: 'dashed'}, data: cut(r.price)});
      const option = {tooltip: {trigger: 'axis'}, legend: {type: 'scroll'}, grid: {top: 60},
        xAxis: {type: 'category', data: cut(D.dispatch.timestamps)},
        yAxis: [{type: 'value', name: 'MW'}, {type: 'value', name: 'EUR/MWh'}], series};
      if (c) c.setOption(option, true); else c = chart('dispatch', option, series.length > 0);
    };
    select.addEventListener('change', draw);
    weekSelect.addEventListener('change', draw);
    if (names.length) draw();
  }

  function duration() {
    const curve = (obj, id, unit) => {
      const series = Object.entries(obj).map(([k, v]) => ({name: k, type: 'line', symbol: 'none',
        data: v.map((y, i) => [100 * i / Math.max(1, v.length - 1), y])}));
      chart(id, {tooltip: {trigger: 'axis'}, legend: {type: 'scroll'}, grid: {top: 60},
        xAxis: {type: 'value', name: '% of time', max: 100}, yAxis: {type: 'value', name: unit}, series}, series.length > 0);
    };
    curve(D.duration.links, 'duration-links', 'MW');
    curve(D.duration.prices, 'duration-prices', 'EUR/MWh');
  }

  function storage() {
    const series = Object.entries(D.storage.levels).map(([k, v]) => ({name: k, type: 'line', symbol: 'none', data: v}));
    const el = document.getElementById('storage');
    if (!series.length) { el.outerHTML = '<p class="note">This study has no storage.</p>'; return; }
    chart('storage', {tooltip: {trigger: 'axis'}, legend: {type: 'scroll'}, grid: {top: 60}, dataZoom: [{type: 'inside'}, {}],
      xAxis: {type: 'category', data: D.storage.timestamps}, yAxis: {type: 'value', name: 'MWh'}, series}, true);
  }

  function co2() {
    const caps = D.co2.caps.map((c) => ({yAxis: c.t_per_year / 1e6, name: c.name}));
    chart('co2', {tooltip: {trigger: 'axis'}, xAxis: {type: 'category', data: D.co2.countries}, yAxis: {type: 'value', name: 'Mt'},
      series: [{name: 'CO2', type: 'bar', data: D.co2.t.map((v) => v / 1e6),
        markLine: caps.length ? {data: caps, label: {formatter: (p) => p.name + ' cap'}} : undefined}]}, D.co2.countries.length > 0);
  }

  function markets() {
    const m = D.markets;
    const el = document.getElementById('markets');
    if (!m.length) { el.outerHTML = '<p class="note">This study has no export markets.</p>'; return; }
    const t = D.export_targets || [];
    const names = m.map((x) => x.name).concat(t.map((x) => x.name + ' (target)'));
    const pad = (values, n) => values.concat(new Array(n).fill(null));
    chart('markets', {tooltip: {trigger: 'axis'}, legend: {}, grid: {top: 50}, xAxis: {type: 'category', data: names, axisLabel: {rotate: t.length ? 20 : 0}},
      yAxis: {type: 'value', name: 'TWh'}, series: [
        {name: 'exports', type: 'bar', data: pad(m.map((x) => twh(x.exports_mwh)), t.length)},
        {name: 'imports', type: 'bar', data: pad(m.map((x) => twh(x.imports_mwh)), t.length)},
        {name: 'exports counted for the target', type: 'bar', data: new Array(m.length).fill(null).concat(t.map((x) => x.achieved_twh))},
        {name: 'target', type: 'bar', data: new Array(m.length).fill(null).concat(t.map((x) => x.twh))}]}, true);
    document.getElementById('targets-note').textContent = t.map((x) => x.name + ': ' + fmt(x.achieved_twh, 1) + ' of ' +
      fmt(x.twh, 1) + ' TWh' + (x.country ? ' of ' + x.country + '\'s own power (traced; all exports ' + fmt(x.all_exports_twh, 1) + ' TWh)' : '') +
      ' through ' + x.markets.join(', ') + (x.note ? ' (' + x.note + ')' : '')).join('; ');
  }

  // Exports by country of origin (proportional sharing) and the CBAM charge.
  function origins() {
    const o = D.exports_by_origin_mwh;
    const el = document.getElementById('origins');
    if (!o || !Object.keys(o).length || !(D.exports_mwh > 0)) { el.outerHTML = '<p class="note">No exports to trace.</p>'; return; }
    const names = Object.keys(o).filter((k) => Math.abs(o[k]) > 1e-6 * D.exports_mwh);
    chart('origins', {tooltip: {trigger: 'axis'}, grid: {top: 30}, xAxis: {type: 'category', data: names},
      yAxis: {type: 'value', name: 'TWh'}, series: [{name: 'exports by origin', type: 'bar', data: names.map((k) => twh(o[k]))}]},
      names.length > 0);
    const cb = Object.entries(D.cbam_cost_eur_by_link || {}).concat(Object.entries(D.cbam_cost_eur_by_market || {}));
    document.getElementById('cbam-note').textContent = D.cbam_cost_eur > 0
      ? 'CBAM charge on what enters the CBAM area: ' + fmt(D.cbam_cost_eur / 1e6, 1) + ' M EUR/yr (' +
        cb.map(([k, v]) => k + ' ' + fmt(v / 1e6, 1)).join(', ') + ').'
      : 'No CBAM charge in this run.';
  }

  function projects() {
    const section = document.getElementById('projects-section');
    if (!D.projects) { section.style.display = 'none'; return; }
    const cols = [['name', 'project', null], ['capacity_mw', 'MW', 0], ['capex_eur', 'capex M€', 1, 1e6], ['wacc', 'WACC %', 2, 0.01],
      ['lcoe_eur_per_mwh', 'LCOE €/MWh', 1], ['npv_eur', 'NPV M€', 1, 1e6], ['project_irr', 'IRR %', 1, 0.01],
      ['equity_irr', 'equity IRR %', 1, 0.01], ['dscr_min', 'DSCR min', 2], ['co2_avoided_t_per_year', 'kt CO2/yr', 1, 1e3],
      ['abatement_cost_eur_per_t', '€/t CO2', 0], ['system_value_eur_per_year', 'value M€/yr', 1, 1e6]];
    const table = document.getElementById('projects');
    let rows = D.projects.slice();
    let sortKey = null, asc = true;
    const render = () => {
      table.innerHTML = '<thead><tr>' + cols.map(([k, h]) => '<th data-key="' + k + '">' + h + (sortKey === k ? (asc ? ' ▲' : ' ▼') : '') + '</th>').join('') +
        '</tr></thead><tbody>' + rows.map((p) => '<tr>' + cols.map(([k, , d, scale]) =>
          '<td>' + (d === null ? p[k] : fmt(p[k] === null ? null : p[k] / (scale || 1), d)) + '</td>').join('') + '</tr>').join('') + '</tbody>';
      table.querySelectorAll('th').forEach((th) => th.addEventListener('click', () => {
        const k = th.dataset.key;
        asc = sortKey === k ? !asc : true;
        sortKey = k;
        rows.sort((a, b) => {
          const x = a[k], y = b[k];
          if (x === y) return 0;
          if (x === null) return 1;
          if (y === null) return -1;
          return (x < y ? -1 : 1) * (asc ? 1 : -1);
        });
        render();
      }));
    };
    render();
    table.dataset.drawn = rows.length ? 'true' : 'empty';

    const select = document.getElementById('cashflow-project');
    const names = Object.keys(D.cashflows || {});
    select.innerHTML = names.map((n) => '<option>' + n + '</option>').join('');
    let c = null;
    const draw = () => {
      const f = D.cashflows[select.value];
      const option = {tooltip: {trigger: 'axis'}, legend: {}, grid: {top: 50}, xAxis: {type: 'category', data: f.year},
        yAxis: {type: 'value', name: 'M€'}, series: [
          {name: 'project cash flow', type: 'bar', data: f.project_cash_flow_eur.map((v) => v / 1e6)},
          {name: 'equity cash flow', type: 'bar', data: f.equity_cash_flow_eur.map((v) => v / 1e6)},
          {name: 'debt service', type: 'line', data: f.debt_service_eur.map((v) => v / 1e6)}]};
      if (c) c.setOption(option, true); else c = chart('cashflows', option, f.year.length > 0);
    };
    select.addEventListener('change', draw);
    if (names.length) draw();
  }

  function portfolio() {
    const section = document.getElementById('portfolio-section');
    const p = D.portfolio;
    if (!p) { section.style.display = 'none'; return; }
    const cands = p.projects.filter((x) => x.candidate);
    document.getElementById('portfolio-text').textContent = 'Concessional finance: ' + fmt(p.concessional_used_eur / 1e6, 1) +
      ' of ' + fmt(p.concessional_budget_eur / 1e6, 1) + ' M€ (objective: ' + p.objective + '). Chosen: ' + (p.chosen.join(', ') || 'none') + '.';
    chart('portfolio', {tooltip: {trigger: 'axis'}, legend: {}, grid: {top: 50}, xAxis: {type: 'category', data: cands.map((x) => x.name), axisLabel: {rotate: 30}},
      yAxis: {type: 'value', name: 'M€'}, series: [
        {name: 'concessional draw', type: 'bar', data: cands.map((x) => ({value: x.concessional_eur / 1e6, itemStyle: {opacity: x.chosen ? 1 : 0.3}}))},
        {name: 'capex', type: 'bar', data: cands.map((x) => ({value: x.capex_eur / 1e6, itemStyle: {opacity: x.chosen ? 1 : 0.3}}))}]}, cands.length > 0);
  }

  function convergence() {
    const section = document.getElementById('convergence-section');
    const d = D.decomposition;
    if (!d) { section.style.display = 'none'; return; }
    const s = d.summary || {};
    document.getElementById('convergence-text').textContent = 'Benders decomposition over ' + (s.subperiods || '?') +
      ' subperiods of ' + fmt(s.subperiod_hours, 0) + ' h: ' + d.iteration.length + ' iterations, final gap ' +
      (d.gap.length ? Number(d.gap[d.gap.length - 1]).toExponential(1) : '–') + '.';
    const finite = (v) => (v !== null && Number.isFinite(v) ? v / 1e9 : null);
    chart('convergence', {tooltip: {trigger: 'axis'}, legend: {}, grid: {top: 50},
      xAxis: {type: 'category', name: 'iteration', data: d.iteration},
      yAxis: [{type: 'value', name: 'bn EUR/yr', scale: true}, {type: 'log', name: 'gap'}],
      series: [{name: 'lower bound', type: 'line', data: d.lower_bound_eur.map(finite)},
               {name: 'upper bound', type: 'line', data: d.upper_bound_eur.map(finite)},
               {name: 'gap', type: 'line', yAxisIndex: 1, data: d.gap.map((g) => (g !== null && Number.isFinite(g) && g > 0 ? g : null))}]},
      d.iteration.length > 0);
  }

  function candidates() {
    const section = document.getElementById('candidates-section');
    const all = D.candidates || [];
    const rows = all.filter((c) => c.built_mw <= c.min_mw + 1e-3);
    if (!rows.length) { section.style.display = 'none'; return; }
    const verified = rows.every((c) => c.verified);
    document.getElementById('candidates-text').textContent = 'The candidates the optimum leaves out, and the cut in their annuity ' +
      'that would make them enter' + (verified ? ' (found by solving again: run --break-even).' :
      ' (from the reduced costs, a lower bound at a degenerate optimum; run --break-even verifies them).');
    const pct = (v) => (v === null || v === undefined ? '–' : fmt(100 * v, 1) + ' %');
    const el = document.getElementById('candidates');
    const cols = [['candidate', (c) => c.name + ' (' + c.kind + ')'], ['annuity €/MW-yr', (c) => fmt(c.annuity_eur_per_mw_year, 0)],
      ['reduction €/MW-yr', (c) => (c.break_even_reduction_eur_per_mw_year === null ? 'never' : fmt(c.break_even_reduction_eur_per_mw_year, 0))],
      ['share of annuity', (c) => pct(c.break_even_share)], ['further capex grant', (c) => pct(c.break_even_grant_share)]];
    el.innerHTML = '<thead><tr>' + cols.map((h) => '<th>' + h[0] + '</th>').join('') + '</tr></thead><tbody>' +
      rows.map((r) => '<tr>' + cols.map((h) => '<td>' + h[1](r) + '</td>').join('') + '</tr>').join('') + '</tbody>';
    el.dataset.drawn = 'true';
  }

  function ensemble() {
    const section = document.getElementById('ensemble-section');
    const E = D.ensemble;
    if (!E) { section.style.display = 'none'; return; }
    const S = E.summary;
    const sys = S.system;
    const stat = (q) => sys[q] || {};
    document.getElementById('ensemble-text').textContent = S.years + ' weather years' + (S.outages ? ' with forced outages' : '') +
      ' at the capacities ' + (S.capacities === 'solved' ? 'of this run' : 'of ' + S.capacities) + '. Hours with unserved energy: ' +
      fmt(stat('lole_h_per_year').mean, 1) + ' a year on average (P90 ' + fmt(stat('lole_h_per_year').p90, 1) + ', worst ' +
      fmt(stat('lole_h_per_year').worst, 0) + '); unserved energy ' + fmt(stat('eens_mwh_per_year').mean / 1e3, 1) + ' GWh a year (worst ' +
      fmt(stat('eens_mwh_per_year').worst / 1e3, 1) + ' GWh); export revenue ' + fmt(stat('export_revenue_eur').mean / 1e9, 2) +
      ' bn EUR (P10 ' + fmt(stat('export_revenue_eur').p10 / 1e9, 2) + ', P90 ' + fmt(stat('export_revenue_eur').p90 / 1e9, 2) + ').';
    const select = document.getElementById('ensemble-quantity');
    const names = Object.keys(E.per_year);
    select.innerHTML = names.map((n) => '<option' + (n === 'eens_mwh_per_year' ? ' selected' : '') + '>' + n + '</option>').join('');
    let c = null;
    const low = ['exports_mwh', 'export_revenue_eur', 'renewable_share'];
    const draw = () => {
      const q = select.value;
      const v = E.per_year[q].slice().sort((a, b) => (low.includes(q) ? b - a : a - b));
      const option = {tooltip: {trigger: 'axis'}, grid: {top: 40}, xAxis: {type: 'category', name: 'years, best to worst', data: v.map((_, i) => i + 1)},
        yAxis: {type: 'value', name: q, scale: true}, series: [{name: q, type: 'bar', data: v}]};
      if (c) c.setOption(option, true); else c = chart('ensemble-years', option, v.length > 0);
    };
    select.addEventListener('change', draw);
    draw();
    const table = (id, rows, cols) => {
      const el = document.getElementById(id);
      el.innerHTML = '<thead><tr>' + cols.map((h) => '<th>' + h[0] + '</th>').join('') + '</tr></thead><tbody>' +
        rows.map((r) => '<tr>' + cols.map((h) => '<td>' + h[1](r) + '</td>').join('') + '</tr>').join('') + '</tbody>';
      el.dataset.drawn = rows.length ? 'true' : 'empty';
    };
    const countries = Object.entries(S.countries || {});
    table('ensemble-countries', countries, [
      ['country', (r) => r[0]], ['LOLE h/yr mean', (r) => fmt(r[1].lole_h_per_year.mean, 1)], ['LOLE P90', (r) => fmt(r[1].lole_h_per_year.p90, 1)],
      ['EENS GWh mean', (r) => fmt(r[1].eens_mwh_per_year.mean / 1e3, 2)], ['EENS worst', (r) => fmt(r[1].eens_mwh_per_year.worst / 1e3, 2)],
      ['price €/MWh mean', (r) => fmt(r[1].price_eur_per_mwh.mean, 1)], ['price P90', (r) => fmt(r[1].price_eur_per_mwh.p90, 1)],
      ['CO2 Mt mean', (r) => fmt(r[1].co2_t.mean / 1e6, 1)]]);
    const projects = Object.entries(S.projects || {}).filter((r) => r[1].revenue_eur);
    document.getElementById('ensemble-projects-note').style.display = projects.length ? '' : 'none';
    table('ensemble-projects', projects, [
      ['project', (r) => r[0]], ['P50 revenue M€', (r) => fmt(r[1].p50_revenue_eur / 1e6, 1)], ['P90 revenue M€', (r) => fmt(r[1].p90_revenue_eur / 1e6, 1)],
      ['P90 energy GWh', (r) => fmt(r[1].p90_energy_mwh / 1e3, 0)], ['DSCR at P90', (r) => fmt(r[1].dscr_at_p90, 2)],
      ['P(DSCR < 1.2)', (r) => (r[1].probability_dscr_below_1_2 === undefined ? '–' : fmt(100 * r[1].probability_dscr_below_1_2, 0) + ' %')],
      ['P(DSCR < 1.0)', (r) => (r[1].probability_dscr_below_1_0 === undefined ? '–' : fmt(100 * r[1].probability_dscr_below_1_0, 0) + ' %')]]);
    const W = E.critical_week;
    const worst = S.worst_year || {};
    document.getElementById('ensemble-week-text').textContent = 'Year ' + worst.index + ' (seed ' + worst.seed + '), the week from ' +
      (worst.critical_week_start || '–') + ': the most unserved energy (or, without any, the highest prices) of the worst year.';
    chart('ensemble-week', {tooltip: {trigger: 'axis'}, legend: {}, grid: {top: 50},
      xAxis: {type: 'category', data: W.timestamp}, yAxis: [{type: 'value', name: 'MW'}, {type: 'value', name: '€/MWh'}],
      series: [{name: 'load', type: 'line', data: W.load_mw, showSymbol: false},
               {name: 'wind and solar', type: 'line', areaStyle: {opacity: 0.3}, data: W.wind_solar_mw, showSymbol: false},
               {name: 'unserved', type: 'bar', data: W.unserved_mw},
               {name: 'price', type: 'line', yAxisIndex: 1, data: W.price_eur_per_mwh, showSymbol: false}]}, W.timestamp.length > 0);
  }

  function assumptions() {
    const el = document.getElementById('assumptions');
    el.textContent = D.assumptions || 'The study has no ASSUMPTIONS.md beside it.';
  }

  headline();
  map();
  capacity();
  balance();
  dispatch();
  duration();
  storage();
  co2();
  markets();
  origins();
  projects();
  portfolio();
  convergence();
  candidates();
  ensemble();
  assumptions();
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
  document.body.dataset.ready = 'true';
})();
