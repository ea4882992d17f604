// Keeps the site for offline use: registers the service worker (site/sw.js, written by
// build_scripts/offline.py). Only once the page has loaded, and on the simulator page once
// Python is ready, so that the first visit is not slower (nothing the service worker downloads
// competes with Pyodide's download); the simulator page then has its worker put the engine's
// files it has just downloaded in the engine's cache (CQP.cacheEngine), asks the service worker
// to keep the engine (it downloads only what is missing), asks the browser not to evict it, and
// says so.
(function () {
  "use strict";
  var tag = document.currentScript;
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

  function keepEngine() {
    return navigator.serviceWorker.ready.then(function (registration) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { resolve(event.data); };
        registration.active.postMessage({ type: "keep-engine" }, [channel.port2]);
      });
    }).then(function (answer) {
      if (!answer || !answer.ok) return;
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
