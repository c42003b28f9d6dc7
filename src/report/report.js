// silkgrid's report: draws every chart from window.SILKGRID (report::report_data) with
// ECharts, bundled into the same file. No request leaves the page.
(function () {
  'use strict';
  const D = window.SILKGRID;
  const fmt = (v, d = 1) => (v === null || v === undefined ? '–'
    : (Math.abs(Number(v)) < 0.5 * Math.pow(10, -d) ? 0 : Number(v)).toLocaleString('en-GB', {maximumFractionDigits: d, minimumFractionDigits: d}));
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

  // Natural Earth's countries (world-atlas, TopoJSON, embedded) as GeoJSON features.
  function worldFeatures() {
    const w = window.SILKGRID_WORLD;
    if (!w || typeof topojson === 'undefined' || !w.objects || !w.objects.countries) return [];
    return topojson.feature(w, w.objects.countries).features.filter((f) => f.geometry);
  }

  const polygonsOf = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []);

  // A ring clipped to the box (Sutherland–Hodgman, one edge of the box at a time).
  function clipRing(ring, box) {
    const edges = [[0, box.lon_min, 1], [0, box.lon_max, -1], [1, box.lat_min, 1], [1, box.lat_max, -1]];
    let out = ring;
    for (const [axis, v, side] of edges) {
      const input = out;
      out = [];
      const inside = (p) => side * (p[axis] - v) >= 0;
      const cut = (p, q) => {
        const t = (v - p[axis]) / (q[axis] - p[axis]);
        const r = [p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])];
        r[axis] = v;
        return r;
      };
      for (let i = 0; i < input.length; i++) {
        const cur = input[i], prev = input[(i + input.length - 1) % input.length];
        if (inside(cur)) {
          if (!inside(prev)) out.push(cut(prev, cur));
          out.push(cur);
        } else if (inside(prev)) {
          out.push(cut(prev, cur));
        }
      }
      if (!out.length) return [];
    }
    if (out.length && (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1])) out.push(out[0]);
    return out.length >= 4 ? out : [];
  }

  // The countries cut to the study's extent: the map shows that box and nothing beyond it.
  function clippedFeatures(features, box) {
    const out = [];
    for (const f of features) {
      const polygons = [];
      for (const poly of polygonsOf(f.geometry)) {
        const rings = poly.map((r) => clipRing(r, box));
        if (rings[0].length) polygons.push(rings.filter((r) => r.length));
      }
      if (polygons.length) out.push({type: 'Feature', properties: {name: f.properties.name}, geometry: {type: 'MultiPolygon', coordinates: polygons}});
    }
    return out;
  }

  function contains(feature, lon, lat) {
    return polygonsOf(feature.geometry).some((poly) => {
      let inside = false;
      for (const ring of poly)
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [xi, yi] = ring[i], [xj, yj] = ring[j];
          if ((yi > lat) !== (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) inside = !inside;
        }
      return inside;
    });
  }

  // Welfare as a colour: green for a gain, red for a loss, stronger with its size.
  function welfareColour(v, max) {
    const a = Math.min(1, Math.abs(v) / Math.max(max, 1e-9));
    const mix = (c) => Math.round(240 + (c - 240) * (0.25 + 0.75 * a));
    return v >= 0 ? 'rgb(' + mix(46) + ',' + mix(160) + ',' + mix(90) + ')' : 'rgb(' + mix(200) + ',' + mix(60) + ',' + mix(50) + ')';
  }

  function map() {
    const regions = D.map.regions.filter((r) => typeof r.lat === 'number' && typeof r.lon === 'number');
    const box = D.map.extent;
    const el = document.getElementById('map');
    if (!box || !regions.length) {
      document.getElementById('map-note').textContent = 'No region of this study has coordinates (lat, lon): there is no map to draw.';
      el.outerHTML = '';
      return;
    }
    const at = {};
    regions.forEach((r) => (at[r.name] = [r.lon, r.lat]));
    const world = worldFeatures();
    const features = clippedFeatures(world, box);
    echarts.registerMap('silkgrid-world', {type: 'FeatureCollection', features});
    // Each country of the study is the shape that holds its regions' coordinates.
    const welfare = (D.welfare && D.welfare.countries) || [];
    const shapeOf = {};
    welfare.forEach((c) => {
      for (const r of regions.filter((x) => x.country === c.country)) {
        const f = world.find((x) => contains(x, r.lon, r.lat));
        if (f) { shapeOf[c.country] = f.properties.name; break; }
      }
    });
    const byShape = {};
    welfare.forEach((c) => {
      const s = shapeOf[c.country];
      if (!s) return;
      byShape[s] = byShape[s] || {countries: [], welfare_eur: 0};
      byShape[s].countries.push(c);
      byShape[s].welfare_eur += c.welfare_eur;
    });
    const maxWelfare = Math.max(0, ...Object.values(byShape).map((s) => Math.abs(s.welfare_eur)));
    const shaded = Object.entries(byShape).map(([name, s]) => ({name,
      itemStyle: {areaColor: welfareColour(s.welfare_eur, maxWelfare)},
      label: {show: true, formatter: s.countries.map((c) => c.country).join('+') + ': ' + fmt(s.welfare_eur / 1e6, 0) + ' M€', fontSize: 10, color: '#234'}}));
    const maxCap = Math.max(1, ...D.map.links.map((l) => l.capacity_mw));
    const lines = D.map.links.filter((l) => at[l.from] && at[l.to]).map((l) => ({
      name: l.name,
      coords: [at[l.from], at[l.to]],
      lineStyle: {width: 1 + 9 * l.capacity_mw / maxCap, opacity: 0.35 + 0.6 * Math.min(1, l.utilisation), curveness: 0.1,
        type: l.capacity_mw > 0 ? 'solid' : 'dashed'},
      link: l,
    }));
    const midLat = (box.lat_min + box.lat_max) / 2;
    const prices = regions.map((r) => r.price);
    const lo = Math.min(...prices), hi = Math.max(...prices);
    const tooltip = (p) => {
      if (p.seriesType === 'lines') {
        const l = p.data.link;
        return '<b>' + l.name + '</b> (' + l.from + ' – ' + l.to + ')<br>' + fmt(l.capacity_mw, 0) + ' MW<br>' +
          l.from + ' → ' + l.to + ': ' + fmt(twh(l.forward_mwh), 2) + ' TWh<br>' + l.to + ' → ' + l.from + ': ' +
          fmt(twh(l.backward_mwh), 2) + ' TWh<br>net ' + fmt(twh(l.net_mwh), 2) + ' TWh, utilisation ' + fmt(100 * l.utilisation, 0) + ' %';
      }
      if (p.seriesType === 'scatter') return '<b>' + p.name + '</b><br>' + fmt(p.value[2], 1) + ' EUR/MWh (load-weighted average)';
      const s = byShape[p.name];
      if (!s) return p.name;
      return s.countries.map((c) => '<b>' + c.country + '</b> (' + p.name + '): welfare ' + fmt(c.welfare_eur / 1e6, 1) + ' M€/yr<br>' +
        'consumer surplus ' + fmt(c.consumer_surplus_eur / 1e6, 1) + ', producer surplus ' + fmt(c.producer_surplus_eur / 1e6, 1) +
        '<br>congestion rent ' + fmt(c.congestion_rent_eur / 1e6, 1) + ', market rent ' + fmt(c.market_rent_eur / 1e6, 1) +
        ', policy rent ' + fmt(c.policy_rent_eur / 1e6, 1)).join('<br>');
    };
    const c = chart('map', {
      tooltip: {formatter: tooltip},
      geo: {map: 'silkgrid-world', roam: true, aspectScale: Math.cos(midLat * Math.PI / 180),
        boundingCoords: [[box.lon_min, box.lat_max], [box.lon_max, box.lat_min]], top: 20, bottom: 20, left: 20, right: 20,
        itemStyle: {areaColor: '#f1f1ec', borderColor: '#9a9a9a', borderWidth: 0.6}, label: {show: false},
        emphasis: {label: {show: false}, itemStyle: {areaColor: '#e3e6ea'}}, tooltip: {show: true}, regions: shaded},
      visualMap: {type: 'continuous', seriesIndex: 1, dimension: 2, min: lo, max: hi > lo ? hi : lo + 1, calculable: false,
        text: ['EUR/MWh', ''], left: 'right', bottom: 20, itemHeight: 80, inRange: {color: ['#2c7bb6', '#ffffbf', '#d7191c']}},
      series: [
        {type: 'lines', coordinateSystem: 'geo', polyline: false, data: lines, z: 3,
          label: {show: true, formatter: (p) => p.name, fontSize: 9}, labelLayout: {hideOverlap: true}},
        {type: 'scatter', coordinateSystem: 'geo', symbolSize: 14, z: 4, data: regions.map((r) => ({name: r.name, value: [r.lon, r.lat, r.price]})),
          label: {show: true, position: 'right', formatter: (p) => p.name, fontWeight: 'bold'}, labelLayout: {hideOverlap: true}},
      ],
    }, features.length + lines.length + regions.length > 0);
    el.dataset.features = String(features.length);
    el.dataset.shaded = Object.keys(byShape).join(',');
    return c;
  }

  function welfareTable() {
    const section = document.getElementById('welfare-section');
    const W = D.welfare;
    if (!W || !W.countries.length) { section.style.display = 'none'; return; }
    const m = (v) => fmt(v / 1e6, 1);
    const cols = [['country', (c) => c.country], ['consumer surplus', (c) => m(c.consumer_surplus_eur)],
      ['producer surplus', (c) => m(c.producer_surplus_eur)], ['congestion rent', (c) => m(c.congestion_rent_eur)],
      ['market rent', (c) => m(c.market_rent_eur)], ['policy rent', (c) => m(c.policy_rent_eur)], ['welfare', (c) => m(c.welfare_eur)]];
    const rows = W.countries.slice();
    if (W.total) rows.push(Object.assign({country: 'total'}, W.total));
    const el = document.getElementById('welfare');
    el.innerHTML = '<thead><tr>' + cols.map((h) => '<th>' + h[0] + '</th>').join('') + '</tr></thead><tbody>' +
      rows.map((r) => '<tr>' + cols.map((h) => '<td>' + h[1](r) + '</td>').join('') + '</tr>').join('') + '</tbody>';
    el.dataset.drawn = 'true';
  }

  function finance() {
    const section = document.getElementById('finance-section');
    const F = D.finance;
    if (!F) { section.style.display = 'none'; return; }
    const P = F.portfolio;
    const pct = (v) => (v === null || v === undefined ? '–' : fmt(100 * v, 1) + ' %');
    const ratio = (v) => (v === null || v === undefined ? '–' : fmt(v, 2));
    document.getElementById('finance-text').textContent = 'The portfolio: ' + fmt(P.committed_eur / 1e6, 1) + ' M€ committed, ' +
      fmt(P.public_eur / 1e6, 1) + ' M€ public and ' + fmt(P.private_eur / 1e6, 1) + ' M€ private; grant element ' + pct(P.grant_element) +
      ' (' + fmt(P.grant_equivalent_eur / 1e6, 1) + ' M€ grant equivalent at a reference rate of ' + pct(F.reference_rate) + '); ' +
      'concessional ' + fmt(P.concessional_eur / 1e6, 1) + ' M€ (' + pct(P.concessional_share) + ' of committed); private finance mobilised ' +
      fmt(P.private_mobilised_eur / 1e6, 1) + ' M€, ' + ratio(P.mobilisation_ratio) + ' EUR per public EUR (co-financing ratio ' +
      ratio(P.co_financing_ratio) + '). Flows below: providers → instruments → projects → countries, in M€.';
    const label = {};
    F.sankey.nodes.forEach((n) => (label[n.name] = n.label));
    chart('finance-sankey', {
      tooltip: {trigger: 'item', formatter: (p) => (p.dataType === 'edge'
        ? label[p.data.source] + ' → ' + label[p.data.target] + ': ' + fmt(p.data.value / 1e6, 1) + ' M€'
        : label[p.name] + ': ' + fmt(p.value / 1e6, 1) + ' M€')},
      series: [{type: 'sankey', left: 10, right: 120, top: 20, bottom: 20, nodeGap: 8, emphasis: {focus: 'adjacency'},
        data: F.sankey.nodes.map((n) => ({name: n.name, depth: n.depth})), links: F.sankey.links,
        label: {formatter: (p) => label[p.name], fontSize: 10}, lineStyle: {color: 'gradient', opacity: 0.4}}],
    }, F.sankey.links.length > 0);
    const cols = [['country', (c) => c.country], ['committed M€', (c) => fmt(c.committed_eur / 1e6, 1)],
      ['public M€', (c) => fmt(c.public_eur / 1e6, 1)], ['private M€', (c) => fmt(c.private_eur / 1e6, 1)],
      ['private mobilised M€', (c) => fmt(c.private_mobilised_eur / 1e6, 1)], ['mobilisation ratio', (c) => ratio(c.mobilisation_ratio)],
      ['concessional M€', (c) => fmt(c.concessional_eur / 1e6, 1)], ['concessional share', (c) => pct(c.concessional_share)],
      ['grant element', (c) => pct(c.grant_element)]];
    const el = document.getElementById('finance-countries');
    el.innerHTML = '<thead><tr>' + cols.map((h) => '<th>' + h[0] + '</th>').join('') + '</tr></thead><tbody>' +
      F.countries.map((r) => '<tr>' + cols.map((h) => '<td>' + h[1](r) + '</td>').join('') + '</tr>').join('') + '</tbody>';
    el.dataset.drawn = F.countries.length ? 'true' : 'empty';
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
  welfareTable();
  capacity();
  balance();
  dispatch();
  duration();
  storage();
  co2();
  markets();
  origins();
  projects();
  finance();
  portfolio();
  convergence();
  candidates();
  ensemble();
  assumptions();
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
  document.body.dataset.ready = 'true';
})();
