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

  document.addEventListener("DOMContentLoaded", function () {
    var tab = document.querySelector('[role="tab"][data-check="' + tool + '"]');
    if (tab && tab.getAttribute("aria-selected") !== "true") tab.click();
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
