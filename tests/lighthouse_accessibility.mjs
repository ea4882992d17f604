// Lighthouse's accessibility category on a list of pages, in one Chrome and one Node process
// (a Chrome per page would take minutes). Read by tests/browser/test_lighthouse.py.
//
//   node tests/lighthouse_accessibility.mjs BASE_URL PALETTE PATH...
//
// PALETTE is the index of Material's palette (0 light, 1 dark, as in mkdocs.yml) stored before
// each page loads where the palette toggle stores it: localStorage `/.__palette` (the site's
// scope, overrides/assets/javascripts/theme/base.js, followed by the key). Prints one JSON object:
// {"path": {"score": 0..1, "failing": [{"id", "title", "nodes": [selector...]}]}}.
import { launchChrome } from '../build_scripts/chrome.mjs';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const [base, palette, ...paths] = process.argv.slice(2);
const PALETTES = [
  {index: 0, color: {media: '(prefers-color-scheme: light)', scheme: 'default', primary: 'custom', accent: 'custom'}},
  {index: 1, color: {media: '(prefers-color-scheme: dark)', scheme: 'slate', primary: 'custom', accent: 'custom'}},
];

const chrome = await launchChrome();
const results = {};
try {
  const browser = await puppeteer.connect({browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null});
  const page = await browser.newPage();
  // Material reads its palette from localStorage before the first paint: set it for each page
  // of the origin, as a reader who chose it would have it.
  const chosen = PALETTES[Number(palette)];
  await page.evaluateOnNewDocument((value) => {
    localStorage.setItem('/.__palette', value);
  }, JSON.stringify(chosen));
  for (const path of paths) {
    const runner = await lighthouse(`${base}/${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: process.env.LH_LOG || 'error',
      onlyCategories: ['accessibility'],
      // The site is static and served locally: no throttling, no storage wipe (the palette).
      throttlingMethod: 'provided',
      disableStorageReset: true,
      formFactor: 'desktop',
      screenEmulation: {disabled: true},
      // The audits read the DOM once loaded; Lighthouse's default waits for network and CPU
      // quiet (a second each, and up to 45 s while Pyodide boots) are for performance metrics.
      pauseAfterFcpMs: 0,
      pauseAfterLoadMs: 0,
      networkQuietThresholdMs: 0,
      cpuQuietThresholdMs: 0,
      skipAboutBlank: true,
      disableFullPageScreenshot: true,
      // The service worker would fetch the whole site, Pyodide included, behind every page
      // (the browser tests block it too, tests/browser/conftest.py); no audit concerns it.
      blockedUrlPatterns: ['*/sw.js'],
    }, undefined, page);
    const lhr = runner.lhr;
    const failing = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
      .map((a) => ({
        id: a.id,
        title: a.title,
        nodes: (a.details?.items || []).map((i) => i.node?.selector || i.node?.snippet || '').slice(0, 5),
      }));
    // The palette the page was audited in: proof that the stored choice was applied.
    const scheme = await page.evaluate(() => document.body?.getAttribute('data-md-color-scheme'));
    results[path] = {score: lhr.categories.accessibility.score, scheme, url: page.url(), failing};
  }
  await browser.disconnect();
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results));
