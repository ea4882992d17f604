import { launchChrome } from './chrome.mjs';
import lighthouse from 'lighthouse';
const [base, ...paths] = process.argv.slice(2);
const chrome = await launchChrome();
try {
  for (const path of paths) {
    const r = await lighthouse(`${base}/${path}`, { port: chrome.port, output: 'json', logLevel: 'error',
      onlyCategories: ['performance'], blockedUrlPatterns: ['*/sw.js'] });
    const a = r.lhr.audits;
    console.log(path, 'score', Math.round(r.lhr.categories.performance.score*100), 'TBT', Math.round(a['total-blocking-time'].numericValue),
      'FCP', Math.round(a['first-contentful-paint'].numericValue), 'LCP', Math.round(a['largest-contentful-paint'].numericValue),
      'SI', Math.round(a['speed-index'].numericValue), 'CLS', a['cumulative-layout-shift'].numericValue.toFixed(3), 'bench', r.lhr.environment.benchmarkIndex);
    console.log('  breakdown', (a['mainthread-work-breakdown'].details.items).map(i => `${i.group}:${Math.round(i.duration)}`).join(' '));
    console.log('  long', (a['long-tasks'].details?.items||[]).map(i => `${(i.url||'').split('/').pop()}@${Math.round(i.startTime)}:${Math.round(i.duration)}`).join(' '));
    console.log('  bootup', (a['bootup-time'].details?.items||[]).map(i => `${i.url.split('/').pop()}:${Math.round(i.scripting)}/${Math.round(i.scriptParseCompile)}`).join(' '));
    console.log('  dom', a['dom-size']?.numericValue);
  }
} finally { await chrome.kill(); }
