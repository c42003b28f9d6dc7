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
    // extra may say no-projects: a folder that appraised no projects (an ensemble's).
    const wanted = extra ? extra.split(',') : [];
    const base = ['map', 'capacity', 'balance', 'dispatch', 'duration-links', 'duration-prices', 'storage', 'co2', 'markets'];
    if (!wanted.includes('no-projects')) base.push('projects', 'cashflows');
    for (const needed of base.concat(wanted.filter((w) => w !== 'no-projects')))
      if (!shown.includes(needed)) failures.push('chart ' + needed + ' is missing');
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
