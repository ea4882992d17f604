// A tool of the site inside an organism's <iframe> (pages /integrer-…/): loaded in <head> so
// that the chosen tool shows from the first paint. The frame tells its parent its height, as
// {type: "cqp:hauteur", height} (the parent's snippet, on the page /liens/, sets the frame's
// height from it); links open the full site in a new tab (<base target="_blank">), save links
// to a place of the same page.
(function () {
  "use strict";
  var script = document.currentScript;
  var tool = script && script.getAttribute("data-tool");
  var root = document.documentElement;
  root.setAttribute("data-cqp-embed", tool || "");
  // The simulator's boot script shows the tool used last; an embedded frame shows its own.
  if (tool && tool !== "cohort") root.setAttribute("data-cqp-active", tool);

  // The organism's settings, in the frame's address (the snippet generator of /liens/ writes
  // them): ?cqp=commercial-sedentaire&voie=vae&public=jury. A value the tool does not offer
  // is left aside: the tool opens as it would without it.
  var params = new URLSearchParams(location.search);
  var wanted = { cqp: params.get("cqp"), route: params.get("voie"), subject: params.get("public") };

  function choose(select, value) {
    if (!select || !value) return false;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) {
        select.value = value;
        // As a person's choice: the simulator's forms follow « input », the cohort's « change ».
        select.dispatchEvent(new Event("input", { bubbles: true }));
        select.dispatchEvent(new Event("change", { bubbles: true }));
        return true;
      }
    }
    return false;
  }

  function settle() {
    if (tool === "cohort") {
      var cases = document.getElementById("cohort-case");
      if (!cases || !wanted.cqp) return;
      for (var k = 0; k < cases.options.length; k++) {
        var d = cases.options[k].dataset;
        if (d.cqp === wanted.cqp && (!wanted.route || d.route === wanted.route) &&
            (!wanted.subject || d.subject === wanted.subject)) {
          choose(cases, cases.options[k].value);
          return;
        }
      }
      return;
    }
    var panel = document.querySelector('.cqp-panel[data-check="' + tool + '"]');
    if (!panel) return;
    var subjects = panel.querySelector("#eligibility-subject[data-infer]");
    if (subjects && (wanted.subject || wanted.cqp)) {
      // data-infer: "candidate-vcd:subject=candidate,cqp=vendeur-conseil-distance;…"
      var options = subjects.getAttribute("data-infer").split(";");
      for (var j = 0; j < options.length; j++) {
        var option = options[j].split(":");
        var facts = option[1] || "";
        if ((!wanted.subject || facts.indexOf("subject=" + wanted.subject) >= 0) &&
            (!wanted.cqp || facts.indexOf("cqp=" + wanted.cqp) >= 0)) {
          choose(subjects, option[0]);
          break;
        }
      }
    }
    choose(panel.querySelector('select[data-key="cqp"]'), wanted.cqp);
    // Each CQP's form has its route (the one shown follows the CQP): each is set.
    var routes = panel.querySelectorAll('select[data-key="route"]');
    for (var r = 0; r < routes.length; r++) choose(routes[r], wanted.route);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var tab = document.querySelector('[role="tab"][data-check="' + tool + '"]');
    if (tab && tab.getAttribute("aria-selected") !== "true") tab.click();
    if (!(wanted.cqp || wanted.route || wanted.subject)) return;
    // Once the tool's script has wired its form (and put back any saved answer): the form
    // then follows each change, the CQP's own fields shown.
    var tries = 0;
    (function whenWired() {
      var root = document.querySelector("[data-cqp-cohort]");
      var wired = tool === "cohort" ? root && root.dataset.wired : window.CQP && typeof window.CQP.formsReadyAt === "number";
      if (wired) settle();
      else if (++tries < 400) setTimeout(whenWired, 50);
    })();
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link) link.target = "_self";
  }, true);

  if (window.parent === window) return;
  var last = 0;
  function tell() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "cqp:hauteur", height: height }, "*");
  }
  document.addEventListener("DOMContentLoaded", function () {
    tell();
    if (typeof ResizeObserver === "function") new ResizeObserver(tell).observe(document.body);
    else setInterval(tell, 500);
  });
})();
