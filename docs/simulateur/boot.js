// window.CQP and the Python worker, started at once: loaded (synchronously, as a classic script)
// from the top of the simulator page's <head> by overrides/simulateur/page.html, before the
// theme's stylesheets, so that Pyodide boots while the rest of the page loads. The forms are
// wired by simulateur.mjs. A file, not an inline script, so that the page runs under a CSP
// without 'unsafe-inline'; its configuration is the page's <script type="application/json"
// id="cqp-config"> (build_scripts/simulator/assets.py), which no policy blocks.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("cqp-config").textContent);
  var CQP = (window.CQP = {
    storageKey: "cqp-simulateur:v1",
    status: "loading",
    error: null,
    python: null,
    versions: config.versions,
    checks: ["score", "eligibility", "deadlines"],
  });
  // Watchdog on progress, not on time: the worker reports every chunk it receives; the load
  // fails when nothing arrives for STALL ms while a download is under way. Before the first
  // report (the worker's own scripts) and while Python starts (no network), more is allowed.
  var STALL = typeof window.__cqpStallMs === "number" ? window.__cqpStallMs : 30000;
  // After ready, a request gets its answer within REQUEST_MS (a cohort's slice within four
  // times that), or the worker is taken for dead: the engine is started again, the requests
  // waiting are sent to the new one (once: a request that stalls two engines is refused), and
  // the page says so. Evaluations take 50 ms; a slice of 250 rows about half a second.
  var REQUEST_MS = typeof window.__cqpRequestMs === "number" ? window.__cqpRequestMs : 20000;
  var MAX_RESTARTS = 3;
  // Files of the engine that came wrong (an error page, another build's file) or missing: fetched
  // again from the server itself (cache: "reload") before the next start, in this page or the
  // next (the HTTP cache may have kept the wrong answer for a year), then forgotten.
  var SUSPECT_KEY = "cqp-moteur:a-recharger";
  var MAX_DEPTH = 64;
  var MAX_CHARS = 1024 * 1024;
  var worker = null;
  var pending = {};
  var next = 0;
  var settle = null;
  var watchdog = null;
  var cached = null; // CQP.cacheEngine's pending answer

  function emit(name, detail) {
    document.dispatchEvent(new CustomEvent(name, { detail: detail }));
  }

  // What went wrong, in words (CQP.failure is the kind, CQP.error the sentence).
  var REASONS = {
    old: "Ce navigateur est trop ancien : le calcul demande WebAssembly et les Web Workers de type module, présents dans les versions récentes de Firefox, Chrome, Edge et Safari.",
    network: "Le téléchargement a été interrompu : la connexion au site a été perdue. Vérifiez votre connexion, puis réessayez.",
    stalled: "Le téléchargement est bloqué : plus rien n'arrive depuis " + Math.round(STALL / 1000) + " secondes. Vérifiez votre connexion, puis réessayez ; ce qui a déjà été reçu peut être réutilisé.",
    integrity: "Un fichier du moteur de calcul reçu ne correspond pas à celui attendu (contrôle d'intégrité) : il n'a pas été gardé. Cliquez sur « Réessayer » : il sera téléchargé à nouveau, depuis la version du site en ligne.",
    "integrity-or-network": "Un fichier du moteur de calcul n'a pas pu être téléchargé, ou ne correspond pas à celui attendu (contrôle d'intégrité) : il n'a pas été gardé. Vérifiez votre connexion, puis cliquez sur « Réessayer ».",
    stuck: "Le moteur de calcul a cessé de répondre plusieurs fois de suite. Rechargez la page : vos réponses sont enregistrées dans ce navigateur et seront conservées.",
    script: "Le programme du moteur de calcul n'a pas pu être chargé depuis le site. Vérifiez votre connexion, puis réessayez.",
    internal: "Le moteur de calcul s'est arrêté pendant son démarrage, de façon inattendue. Réessayez ; si cela se reproduit, rechargez la page.",
  };
  function reason(kind, status) {
    if (kind === "server") {
      return "Le serveur a répondu « erreur " + (status || "inconnue") + " » pour un fichier du moteur de calcul" +
        (status >= 500 ? " : il rencontre un problème. " : " : le site est peut-être en cours de mise à jour. ") +
        "Réessayez dans un moment.";
    }
    return REASONS[kind] || REASONS.internal;
  }

  function readSuspects() {
    try {
      var list = JSON.parse(localStorage.getItem(SUSPECT_KEY) || "[]");
      return Array.isArray(list) ? list.filter(function (u) { return typeof u === "string"; }).slice(0, 20) : [];
    } catch (err) {
      return []; // storage disabled or unreadable: this page's own list only
    }
  }
  var suspects = readSuspects();
  function writeSuspects() {
    try {
      if (suspects.length) localStorage.setItem(SUSPECT_KEY, JSON.stringify(suspects));
      else localStorage.removeItem(SUSPECT_KEY);
    } catch (err) {
      /* storage disabled: this page still fetches them again */
    }
  }
  function suspect(url) {
    if (!url) return;
    try {
      url = new URL(url, document.baseURI);
    } catch (err) {
      return;
    }
    if (url.origin !== location.origin || suspects.indexOf(url.href) >= 0) return;
    suspects.push(url.href);
    writeSuspects();
  }

  function fail(kind, status, detail, url) {
    if (CQP.status === "failed") return;
    if (kind !== "network" && kind !== "stalled" && kind !== "old") suspect(url);
    var message = reason(kind, status);
    CQP.status = "failed";
    CQP.failure = kind;
    CQP.error = message;
    CQP.errorDetail = detail || null; // the browser's own words, for whoever debugs
    clearTimeout(watchdog);
    if (worker) worker.terminate();
    worker = null;
    for (var id in pending) {
      clearTimeout(pending[id].timer);
      pending[id].reject(new Error("Le moteur de calcul n'a pas pu se charger : " + message));
    }
    pending = {};
    if (settle) settle.reject(new Error(message));
    emit("cqp:failed", { message: message, kind: kind });
  }

  function arm(ms) {
    clearTimeout(watchdog);
    watchdog = setTimeout(function () {
      if (CQP.status === "loading") fail("stalled");
    }, ms);
  }

  function onProgress(m) {
    CQP.progress = { received: m.received, total: m.total };
    // A download under way: STALL; none (Python starting, no network): a last resort.
    arm(m.active > 0 ? STALL : Math.max(4 * STALL, 120000));
    emit("cqp:progress", CQP.progress);
  }

  // The page's configuration as the site serves it now: after a deploy, the new build's files
  // (the ones this page names may be gone). Kept as it was when the page cannot be read.
  function rereadConfig() {
    return fetch(location.href.split("#")[0], { cache: "no-cache", credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var tag = new DOMParser().parseFromString(html, "text/html").getElementById("cqp-config");
        var fresh = tag && JSON.parse(tag.textContent);
        if (fresh && typeof fresh.worker === "string") config = fresh;
      })
      .catch(function () {});
  }

  // What came wrong is fetched again from the server, replacing what the HTTP cache kept, so
  // that the worker's fetches and imports then get the right files.
  function refreshSuspects() {
    var urls = suspects.slice();
    return Promise.all(urls.map(function (url) {
      return fetch(url, { cache: "reload" }).then(function (r) { return r.arrayBuffer(); }).catch(function () {});
    }));
  }

  // again: a start after a failure or a dead worker (not the page's first).
  function start(again) {
    CQP.status = "loading";
    CQP.error = null;
    CQP.failure = null;
    CQP.progress = null;
    CQP.ready = new Promise(function (resolve, reject) {
      settle = { resolve: resolve, reject: reject };
    });
    CQP.ready.catch(function () {}); // the page shows the failure; no unhandled rejection
    if (typeof WebAssembly !== "object" || typeof Worker !== "function" || typeof Promise !== "function" ||
        typeof TransformStream !== "function") {
      fail("old");
      return;
    }
    var ready = settle;
    var steps = again ? [rereadConfig(), refreshSuspects()] : suspects.length ? [refreshSuspects()] : null;
    if (!steps) launch();
    else {
      arm(Math.max(2 * STALL, 60000));
      Promise.all(steps).then(function () {
        if (settle === ready && CQP.status === "loading") launch();
      });
    }
  }

  function launch() {
    // A browser without module workers ignores `type`: it never reads the option.
    var moduleWorkers = false;
    try {
      worker = new Worker(new URL(config.worker, document.baseURI), {
        get type() { moduleWorkers = true; return "module"; },
      });
    } catch (err) {
      fail(moduleWorkers ? "script" : "old", null, String(err && err.message ? err.message : err), config.worker);
      return;
    }
    if (!moduleWorkers) {
      fail("old");
      return;
    }
    arm(Math.max(2 * STALL, 60000));
    worker.onmessage = function (event) {
      var m = event.data;
      if (!m || typeof m !== "object") return;
      if (m.type === "progress") {
        if (CQP.status === "loading") onProgress(m);
      } else if (m.type === "ready") {
        clearTimeout(watchdog);
        CQP.status = "ready";
        CQP.python = m.python;
        CQP.readyAt = performance.now();
        if (suspects.length) {
          suspects = [];
          writeSuspects();
        }
        settle.resolve(true);
        emit("cqp:ready", { python: m.python, restarted: CQP.restarts > 0 });
      } else if (m.type === "failed") {
        fail(m.kind, m.status, m.message, m.url);
      } else if (m.type === "engine-cached") {
        if (cached) cached(m.ok === true);
        cached = null;
      } else if (m.id === null && "error" in m) {
        // An answer the worker could not attach to a request: no request is left waiting.
        for (var id in pending) {
          clearTimeout(pending[id].timer);
          pending[id].reject(new Error(m.error));
        }
        pending = {};
      } else if (pending[m.id]) {
        var p = pending[m.id];
        clearTimeout(p.timer);
        delete pending[m.id];
        if ("error" in m) p.reject(Object.assign(new Error(m.error), { errors: m.errors || [], display: m.display }));
        else p.resolve(m.verdict);
      }
    };
    worker.onerror = function (event) {
      event.preventDefault();
      if (CQP.status === "ready") restart("error");
      else fail("script", null, event.message, config.worker);
    };
  }

  // A request to the worker, answered within its time or the engine is started again.
  function send(id) {
    var p = pending[id];
    clearTimeout(p.timer);
    p.timer = setTimeout(function () {
      if (pending[id] === p) restart("silent");
    }, p.message.csv !== undefined ? 4 * REQUEST_MS : REQUEST_MS);
    worker.postMessage(p.message);
  }

  // The worker died or stopped answering after ready: another one is started (the page keeps
  // what was typed: nothing here touches the forms), and the requests waiting go to it.
  CQP.restarts = 0;
  function restart(why) {
    if (CQP.status !== "ready") return;
    if (worker) worker.terminate();
    worker = null;
    var waiting = pending;
    pending = {};
    for (var id in waiting) clearTimeout(waiting[id].timer);
    if (++CQP.restarts > MAX_RESTARTS) {
      pending = waiting; // refused by fail()
      fail("stuck");
      return;
    }
    start(true);
    emit("cqp:restarting", { why: why });
    CQP.ready.then(function () {
      for (var id in waiting) {
        var p = waiting[id];
        if (p.sent > 1) {
          p.reject(new Error("Le moteur de calcul n'a pas répondu pour cette demande, deux fois de suite : elle n'a pas été calculée."));
          continue;
        }
        p.sent += 1;
        pending[id] = p;
        send(id);
      }
    }, function (err) {
      for (var id in waiting) waiting[id].reject(err);
    });
  }

  // Depth of a value, without recursion (a situation may come from a link or a file).
  function tooDeep(value) {
    var stack = [[value, 1]];
    while (stack.length) {
      var top = stack.pop();
      var v = top[0];
      if (v === null || typeof v !== "object") continue;
      if (top[1] > MAX_DEPTH) return true;
      var keys = Object.keys(v);
      for (var i = 0; i < keys.length; i++) stack.push([v[keys[i]], top[1] + 1]);
    }
    return false;
  }

  // Same verdict as `python -m checker <check> FILE`; bad input rejects with the checker's message.
  // The situation crosses to the worker as JSON text: what cannot be written so is refused here.
  // A situation given as JSON text is sent as it is, so that its numbers reach the checker
  // exactly as written (69.999999999999999999 is not 70: contract v1.2).
  CQP.evaluate = function (check, situation) {
    return CQP.ready.then(function () {
      return new Promise(function (resolve, reject) {
        var payload;
        try {
          if (tooDeep(situation)) {
            throw new Error("situation : trop imbriquée (plus de " + MAX_DEPTH + " niveaux) ; le simulateur ne l'évalue pas.");
          }
          payload = typeof situation === "string" ? situation
            : JSON.stringify(situation === undefined ? null : situation);
          if (payload.length > MAX_CHARS) throw new Error("situation : trop volumineuse (plus de 1 Mo) ; le simulateur ne l'évalue pas.");
        } catch (err) {
          reject(err instanceof Error && /^situation :/.test(err.message) ? err
            : new Error("situation : impossible à écrire en JSON (" + (err && err.message) + ")"));
          return;
        }
        if (!worker) {
          reject(new Error("Le moteur de calcul n'est pas disponible : " + (CQP.error || "réessayez.")));
          return;
        }
        var id = ++next;
        pending[id] = { resolve: resolve, reject: reject, sent: 1, message: { id: id, check: String(check), payload: payload } };
        send(id);
      });
    });
  };

  // A cohort's CSV text or bytes (contract v1.1, v1.2): the array `python -m checker batch
  // CHECK FILE --format json` prints; a file that cannot be read rejects with the checker's
  // French message. {trace: false} leaves each verdict's trace out (lighter, for a table);
  // {cqp, route, subject} fix the case for the whole file (a cell may then be left empty);
  // {notes: true} (the cohort page's table) adds each row's `table`, its cells in words
  // (checker.cohort.table_row), and leaves out of its verdict what the table does not read.
  CQP.evaluateBatch = function (check, csvText, options) {
    return CQP.ready.then(function () {
      return new Promise(function (resolve, reject) {
        if (!worker) {
          reject(new Error("Le moteur de calcul n'est pas disponible : " + (CQP.error || "réessayez.")));
          return;
        }
        var id = ++next;
        // The file's bytes (contract v1.2) are decoded by the checker, as the CLI decodes a file.
        var csv = csvText instanceof ArrayBuffer ? new Uint8Array(csvText)
          : csvText instanceof Uint8Array ? csvText : String(csvText);
        var fixed = {};
        ["cqp", "route", "subject"].forEach(function (key) {
          if (options && typeof options[key] === "string" && options[key]) fixed[key] = options[key];
        });
        pending[id] = { resolve: resolve, reject: reject, sent: 1,
          message: { id: id, check: String(check), csv: csv, fixed: fixed, lean: !!options && options.trace === false,
            notes: !!options && options.notes === true } };
        send(id);
      });
    });
  };

  // Once Python is ready, the worker holds the engine's files it downloaded and checked: keep
  // (true) puts them in the service worker's engine cache, so that keeping the simulator offline
  // downloads none of them again; false lets them go. Called by docs/assets/javascripts/
  // offline.js; resolves to whether they were put there.
  CQP.cacheEngine = function (keep) {
    return new Promise(function (resolve) {
      if (!worker || CQP.status !== "ready") {
        resolve(false);
        return;
      }
      if (cached) cached(false);
      cached = resolve;
      worker.postMessage({ type: "cache-engine", keep: !!keep });
    });
  };

  CQP.retry = function () {
    if (CQP.status !== "failed") return CQP.ready;
    CQP.restarts = 0;
    start(true);
    emit("cqp:loading", {});
    return CQP.ready;
  };

  // The theme's own JavaScript (search and its index, the palette's toggle, the header's
  // behaviours) is loaded when the person first reaches for it: a pointer, a key or the focus
  // anywhere outside the tools (the simulator's, or the cohort's on its page). Started with the
  // page, it competed with Pyodide for the processor; started once Python was ready, its start-up
  // (about 300 ms on a phone) blocked the forms just when they could answer. The build leaves its
  // tag as <script type="text/plain" data-cqp-theme-bundle="…">, a data block that never runs
  // (build_scripts/hooks/defer_theme_bundle.py); the menu opens without it (the theme's drawer is
  // a checkbox). The theme starts on DOMContentLoaded, which has passed by then: it is sent again
  // for it. What the person did meanwhile is done again for the theme: a click on the palette's
  // toggle, a key (its shortcuts), a query typed in the search field.
  var theme = "none"; // then "loading", then "ready"
  var replay = null; // what the person did before the theme could act on it
  function loadTheme() {
    var tag = document.querySelector("script[data-cqp-theme-bundle]");
    if (theme !== "none" || !tag) return;
    theme = "loading";
    var script = document.createElement("script");
    script.src = tag.getAttribute("data-cqp-theme-bundle");
    script.onload = function () {
      document.dispatchEvent(new Event("DOMContentLoaded"));
      theme = "ready";
      var query = document.querySelector(".md-search__input");
      if (query && query.value) query.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
      var again = replay;
      replay = null;
      if (again && again.type === "click") {
        // The toggle the theme shows now: it switches from the palette in use.
        var shown = document.querySelector("[data-md-component=palette] label:not([hidden])");
        (shown || again.target).click();
      }
      if (again && again.type === "keydown") {
        document.dispatchEvent(new KeyboardEvent("keydown", { key: again.key, code: again.code, bubbles: true }));
      }
    };
    document.body.appendChild(script);
  }
  function firstUse(event) {
    if (theme === "ready" || document.readyState === "loading") return;
    var target = event.target instanceof Element ? event.target : null;
    if (target && target.closest("[data-cqp-sim], [data-cqp-cohort]")) return;
    if (!document.querySelector("script[data-cqp-theme-bundle]")) return;
    // The palette's toggle acts through the theme: its click waits for it.
    var toggle = target && target.closest("[data-md-component=palette] label");
    if (event.type === "click" && toggle) {
      event.preventDefault();
      replay = { type: "click", target: toggle };
    } else if (event.type === "keydown" && !(target && target.closest("input, textarea, select"))) {
      replay = { type: "keydown", key: event.key, code: event.code };
    }
    loadTheme();
  }
  ["pointerdown", "click", "focusin", "keydown"].forEach(function (type) {
    document.addEventListener(type, firstUse, true);
  });
  // Until then, the palette the theme would apply when it starts: the one the person chose
  // (theme/palette.js has applied it already), else the one whose media query matches (a phone
  // set to dark mode), with the toggle that leaves it.
  document.addEventListener("DOMContentLoaded", function () {
    var inputs = document.querySelectorAll("[data-md-component=palette] input");
    if (theme !== "none" || !inputs.length) return;
    var stored = null;
    try {
      stored = window.__md_get && __md_get("__palette");
    } catch (err) {
      stored = null;
    }
    var index = stored && typeof stored.index === "number" && inputs[stored.index] ? stored.index : -1;
    if (index < 0) {
      index = 0;
      for (var i = 0; i < inputs.length; i++) {
        var media = inputs[i].getAttribute("data-md-color-media");
        if (media && matchMedia(media).matches) {
          index = i;
          break;
        }
      }
      ["media", "scheme", "primary", "accent"].forEach(function (key) {
        var value = inputs[index].getAttribute("data-md-color-" + key);
        if (value) document.body.setAttribute("data-md-color-" + key, value);
      });
    }
    inputs[index].checked = true;
    var toggle = inputs[index].nextElementSibling;
    if (toggle && toggle.tagName === "LABEL") toggle.hidden = false;
  }, { once: true });

  // Fields typed into before the page script wires the forms: it keeps them (simulateur.mjs).
  CQP.typedEarly = new Set();
  document.addEventListener("input", function (event) {
    if (CQP.typedEarly) CQP.typedEarly.add(event.target);
  }, true);

  // Show the right tool from the first paint (simulateur.mjs then sets up the tabs).
  var tool = "eligibility";
  try {
    var shared = /^#s=([A-Za-z0-9_-]+)$/.exec(location.hash);
    if (shared) tool = JSON.parse(atob(shared[1].replace(/-/g, "+").replace(/_/g, "/"))).check;
    else tool = JSON.parse(localStorage.getItem(CQP.storageKey) || "null").active;
  } catch (err) {
    /* unreadable: simulateur.mjs says so */
  }
  if (CQP.checks.indexOf(tool) < 0) tool = "eligibility";
  document.documentElement.setAttribute("data-cqp-active", tool);

  start();
})();
