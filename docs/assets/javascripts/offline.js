// Keeps the site for offline use: registers the service worker (site/sw.js, written by
// build_scripts/offline.py). Only once the page has loaded, and on the simulator page once
// Python is ready, so that the first visit is not slower (nothing the service worker downloads
// competes with Pyodide's download); the simulator page then has its worker put the engine's
// files it has just downloaded in the engine's cache (CQP.cacheEngine), asks the service worker
// to keep the engine (it downloads only what is missing), asks the browser not to evict it, and
// says so. An install or a keeping of the engine that fails (a file the host would not give) is
// tried again a little later, and the simulator page says so meanwhile.
(function () {
  "use strict";
  var tag = document.currentScript;
  var RETRIES = typeof window.__cqpOfflineRetryMs === "number" ? [window.__cqpOfflineRetryMs] : [15000, 60000, 300000];
  var failures = 0;
  if (!("serviceWorker" in navigator) || !window.isSecureContext) {
    // Nothing kept offline: the simulator's worker lets go of the files it held for it.
    var CQP = window.CQP;
    if (CQP && CQP.ready && CQP.cacheEngine) CQP.ready.then(function () { CQP.cacheEngine(false); }, function () {});
    return;
  }

  function register() {
    return navigator.serviceWorker.register(tag.dataset.sw).catch(function () {
      return null; // no service worker (a host without it, a private window): the site works online
    });
  }

  function say(text) {
    var line = document.querySelector(".cqp-offline");
    if (!line) return;
    line.textContent = text;
    line.hidden = false;
  }

  // Tried again after a delay, at most RETRIES.length times; said on the simulator page.
  function later(again) {
    var delay = RETRIES[Math.min(failures, RETRIES.length - 1)];
    failures += 1;
    if (failures > 3) {
      say(tag.dataset.failed);
      document.documentElement.setAttribute("data-cqp-offline", "failed");
      return;
    }
    say(tag.dataset.retrying);
    document.documentElement.setAttribute("data-cqp-offline", "retrying");
    setTimeout(again, delay);
  }

  // The service worker being installed: a failed install (it turns "redundant") is told.
  function watchInstall(registration, onFailed) {
    var installing = registration && registration.installing;
    if (!installing) return;
    installing.addEventListener("statechange", function () {
      if (installing.state === "redundant" && !registration.active) onFailed();
    });
  }

  function keepEngine() {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { resolve(event.data); };
        registration.active.postMessage({ type: "keep-engine" }, [channel.port2]);
      });
    }).then(function (answer) {
      if (!answer || !answer.ok) {
        later(keepEngine);
        return;
      }
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
      document.documentElement.setAttribute("data-cqp-offline", "ready");
      say(tag.dataset.ready);
    });
  }

  function start() {
    var CQP = window.CQP;
    if (CQP && CQP.ready) {
      // Registered whether Python loaded or not (the pages are still worth keeping).
      CQP.ready.then(function () {
        return register().then(function (registration) {
          // Until a service worker is active, keepEngine waits on navigator.serviceWorker.ready:
          // a failed install is registered again (its new install then settles that wait).
          watchInstall(registration, function retry() {
            later(function () {
              register().then(function (again) { watchInstall(again, retry); });
            });
          });
          var cached = CQP.cacheEngine ? CQP.cacheEngine(!!registration) : Promise.resolve(false);
          // Asked once the worker's files are in the cache, so that none is downloaded twice.
          if (registration) return cached.then(keepEngine);
        });
      }, register);
    } else {
      register();
    }
  }

  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
})();
