// Lighthouse's performance category on a list of pages (mobile, its default simulated
// throttling), in one Chrome and one Node process. Run by build_scripts/bench_pages.py, which
// serves the site and prints the figures.
//
//   node build_scripts/bench_pages.mjs BASE_URL RUNS PATH...
//
// Prints one JSON object: {"path": [{"score", "tbt", "fcp", "lcp", "scripts": [[url, ms]…]}…]}.
import { launchChrome } from './chrome.mjs';
import lighthouse from 'lighthouse';

const [base, runs, ...paths] = process.argv.slice(2);
const chrome = await launchChrome();
const results = {};
try {
  for (let round = 0; round < Number(runs); round++) {
    // Pages alternated round by round: a busy moment of the machine spreads over all of them.
    for (const path of paths) {
      const runner = await lighthouse(`${base}/${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
        // The service worker would fetch the whole site behind the page (a first visit's
        // figures are the page's own).
        blockedUrlPatterns: ['*/sw.js'],
      });
      const audits = runner.lhr.audits;
      const scripts = (audits['bootup-time'].details?.items || [])
        .map((i) => [i.url.replace(base, ''), Math.round(i.scripting)]).slice(0, 3);
      (results[path] ??= []).push({
        score: Math.round(runner.lhr.categories.performance.score * 100),
        tbt: Math.round(audits['total-blocking-time'].numericValue),
        fcp: Math.round(audits['first-contentful-paint'].numericValue),
        lcp: Math.round(audits['largest-contentful-paint'].numericValue),
        scripts,
      });
    }
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results));
