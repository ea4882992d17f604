// Debian's chromium for Lighthouse, launched headless and quiet: the one launch shared by the
// accessibility audit (tests/lighthouse_accessibility.mjs) and the pages' bench
// (build_scripts/bench_pages.mjs).
import * as chromeLauncher from 'chrome-launcher';

export function launchChrome() {
  return chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    // Without the background-networking flags chromium tries to reach Google's hosts at start.
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    logLevel: 'silent',
  });
}
