// Opens a report in headless Chromium (Debian's chromium, driven by puppeteer-core) and checks
// that it raises no console error, makes no network request, and draws every chart, each with
// something on it; saves a screenshot. Usage: node browser_test.js REPORT.html SCREENSHOT.png
'use strict';
const puppeteer = require('puppeteer-core');
const path = require('path');

(async () => {
  const [report, screenshot, extra] = process.argv.slice(2);  // extra: more charts that must be shown, comma-separated
  const failures = [];
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({width: 1280, height: 900});
    page.on('console', (m) => { if (m.type() === 'error') failures.push('console error: ' + m.text()); });
    page.on('pageerror', (e) => failures.push('page error: ' + e.message));
    const url = 'file://' + path.resolve(report);
    page.on('request', (r) => { if (r.url() !== url && !r.url().startsWith('data:')) failures.push('request: ' + r.url()); });
    await page.goto(url, {waitUntil: 'load'});
    await page.waitForFunction(() => document.body.dataset.ready === 'true', {timeout: 30000});
    const charts = await page.evaluate(() => Array.from(document.querySelectorAll('[data-chart]')).map((el) => {
      const visible = el.offsetParent !== null;
      let inked = 0;
      const canvas = el.querySelector('canvas');
      if (canvas) {
        const ctx = canvas.getContext('2d');
        const img = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < img.length; i += 4 * 7) if (img[i] > 0) inked++;
      } else if (el.tagName === 'TABLE') {
        inked = el.querySelectorAll('tbody tr').length;
      }
      return {name: el.dataset.chart, visible, drawn: el.dataset.drawn, inked, table: el.tagName === 'TABLE'};
    }));
    for (const c of charts) {
      if (!c.visible) continue;  // a section the run has no data for (e.g. no portfolio)
      if (c.drawn !== 'true') failures.push('chart ' + c.name + ' not drawn (' + c.drawn + ')');
      if (c.inked < 50 && !(c.table && c.inked > 0)) failures.push('chart ' + c.name + ' is blank (' + c.inked + ')');
    }
    const shown = charts.filter((c) => c.visible).map((c) => c.name);
    // extra may say no-projects: a folder that appraised no projects (an ensemble's); corridor: the
    // default study's map (below).
    const wanted = extra ? extra.split(',') : [];
    // has:NAME and not:NAME: a country the registered map must hold or leave out.
    const flags = ['no-projects', 'corridor'];
    const shapes = wanted.filter((w) => w.startsWith('has:') || w.startsWith('not:'));
    wanted.splice(0, wanted.length, ...wanted.filter((w) => !shapes.includes(w)));
    const base = ['map', 'welfare', 'capacity', 'balance', 'dispatch', 'duration-links', 'duration-prices', 'storage', 'co2', 'markets'];
    if (!wanted.includes('no-projects')) base.push('projects', 'cashflows');
    for (const needed of base.concat(wanted.filter((w) => !flags.includes(w))))
      if (!shown.includes(needed)) failures.push('chart ' + needed + ' is missing');
    // The map is a geo component of Natural Earth's countries, cut to the study's extent.
    const geo = await page.evaluate(() => {
      const el = document.getElementById('map');
      const c = echarts.getInstanceByDom(el);
      const o = c.getOption();
      const registered = echarts.getMap('silkgrid-world');
      const features = registered ? (registered.geoJSON || registered.geoJson).features : [];
      const e = window.SILKGRID.map.extent;
      let outside = 0;
      const visit = (a) => (typeof a[0] === 'number' ? (a[0] < e.lon_min - 1e-9 || a[0] > e.lon_max + 1e-9 ||
        a[1] < e.lat_min - 1e-9 || a[1] > e.lat_max + 1e-9) && outside++ : a.forEach(visit));
      features.forEach((f) => visit(f.geometry.coordinates));
      // The alpha of the canvas at a place (transparent: nothing drawn there, the sea).
      const canvas = el.querySelector('canvas');
      const scale = canvas.width / el.clientWidth;
      const alpha = (lon, lat) => {
        const [x, y] = c.convertToPixel({geoIndex: 0}, [lon, lat]);
        return canvas.getContext('2d').getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data[3];
      };
      return {geo: (o.geo || []).map((g) => g.map), series: o.series.map((s) => s.type + ':' + (s.coordinateSystem || '')),
        names: features.map((f) => f.properties.name), outside, shaded: (((o.geo || [])[0] || {}).regions || []).filter((r) => r.itemStyle && r.itemStyle.areaColor).map((r) => r.name),
        caspian: alpha(51.0, 38.5), blackSea: alpha(31.5, 42.3), turkey: alpha(33.0, 39.0), kazakhstan: alpha(65.0, 47.5)};
    });
    if (geo.geo.length !== 1 || geo.geo[0] !== 'silkgrid-world') failures.push('map: no geo component of the countries (' + geo.geo + ')');
    for (const s of ['lines:geo', 'scatter:geo']) if (!geo.series.includes(s)) failures.push('map: no ' + s + ' series (' + geo.series + ')');
    if (geo.outside) failures.push('map: ' + geo.outside + ' border points outside the extent');
    for (const w of shapes) {
      const [rule, name] = w.split(':');
      if ((rule === 'has') !== geo.names.includes(name)) failures.push('map: ' + name + (rule === 'has' ? ' missing' : ' drawn, outside the extent'));
    }
    if (wanted.includes('corridor')) {
      // Tbilisi lies in Georgia and Bucharest in Romania: both drawn and shaded by their welfare;
      // the middle of the Caspian and of the Black Sea are sea (nothing drawn), Turkey and
      // Kazakhstan are land.
      for (const country of ['Georgia', 'Romania', 'Kazakhstan', 'Azerbaijan', 'Turkey']) {
        if (!geo.names.includes(country)) failures.push('map: no shape of ' + country);
      }
      for (const country of ['Georgia', 'Romania', 'Kazakhstan', 'Uzbekistan', 'Azerbaijan', 'Hungary'])
        if (!geo.shaded.includes(country)) failures.push('map: ' + country + ' not shaded by welfare (' + geo.shaded + ')');
      if (geo.shaded.includes('Turkey')) failures.push('map: Turkey, no country of the study, is shaded');
      if (geo.caspian !== 0 || geo.blackSea !== 0) failures.push('map: the seas are not empty (' + geo.caspian + ', ' + geo.blackSea + ')');
      if (geo.turkey === 0 || geo.kazakhstan === 0) failures.push('map: land not drawn (' + geo.turkey + ', ' + geo.kazakhstan + ')');
    }
    // The finance section's Sankey, where the folder has the accounting.
    const sankey = await page.evaluate(() => {
      const el = document.getElementById('finance-sankey');
      const c = el && echarts.getInstanceByDom(el);
      if (!c) return null;
      const s = c.getOption().series[0];
      return {type: s.type, links: (s.links || s.edges || []).length};
    });
    if (wanted.includes('finance-sankey') && (!sankey || sankey.type !== 'sankey' || sankey.links === 0))
      failures.push('finance: no Sankey chart (' + JSON.stringify(sankey) + ')');
    await page.screenshot({path: screenshot, fullPage: true});
    console.log('charts drawn: ' + shown.join(', '));
  } finally {
    await browser.close();
  }
  if (failures.length) {
    console.error(failures.join('\n'));
    process.exit(1);
  }
  console.log('report OK, screenshot in ' + screenshot);
})().catch((e) => { console.error(e); process.exit(1); });
