// Tooltips of the article: each element with a `title` (an abbreviation, a section's link)
// shows it in the theme's own tooltip (its .md-tooltip2 styles) when pointed at, tapped or
// focused. The theme's `content.tooltips` feature does the same, but sets up every tooltip of
// the page when it starts, which on the longest pages blocked the first interaction for longer
// than all the rest of the page (README, « Pages à lire »); here one tooltip serves them all,
// drawn only when a person asks for it.
(function () {
  "use strict";
  var SELECTOR = ".md-content [title]:not(iframe):not([data-preview]), .md-content [data-cqp-title]";
  var node = null; // the one tooltip, made on first use
  var host = null; // the element whose title it shows
  var hiding = 0;

  function tooltip() {
    if (!node) {
      node = document.createElement("div");
      node.className = "md-tooltip2 md-tooltip2--bottom";
      node.id = "cqp-tooltip";
      node.setAttribute("role", "tooltip");
      node.innerHTML = '<div class="md-tooltip2__inner md-typeset"></div>';
      node.style.setProperty("--md-tooltip-tail", "0px");
      document.body.appendChild(node);
    }
    return node;
  }

  function show(el) {
    clearTimeout(hiding);
    if (el === host) return;
    release();
    host = el;
    // The browser would show the title too: it is set aside while the tooltip shows it.
    var text = el.getAttribute("title");
    el.setAttribute("data-cqp-title", text);
    el.removeAttribute("title");
    el.setAttribute("aria-describedby", "cqp-tooltip");
    var tip = tooltip();
    var inner = tip.firstChild;
    inner.textContent = text;
    // Where the theme puts an inline tooltip: below its element, centred on it, within the page.
    var box = el.getBoundingClientRect();
    tip.style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + "px");
    tip.style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
    tip.style.setProperty("--md-tooltip-x", box.width / 2 + "px");
    tip.style.setProperty("--md-tooltip-y", 8 + box.height + "px");
    tip.style.setProperty("--md-tooltip-width", inner.getBoundingClientRect().width + "px");
    // Shown at the next frame, so that it appears with the theme's transition.
    requestAnimationFrame(function () {
      if (host === el) tip.classList.add("md-tooltip2--active");
    });
  }

  function release() {
    if (!host) return;
    host.setAttribute("title", host.getAttribute("data-cqp-title"));
    host.removeAttribute("data-cqp-title");
    host.removeAttribute("aria-describedby");
    host = null;
    if (node) node.classList.remove("md-tooltip2--active");
  }

  // As the theme does: a short delay after the pointer leaves, so that moving across does not
  // make it flicker.
  function hideSoon() {
    clearTimeout(hiding);
    hiding = setTimeout(release, 250);
  }

  function target(event) {
    return event.target instanceof Element ? event.target.closest(SELECTOR) : null;
  }

  // Pointed at with a mouse, or tapped on a touch screen (which sends the same events).
  document.addEventListener("mouseover", function (event) {
    var el = target(event);
    if (el) show(el);
    else if (host) hideSoon();
  });
  document.addEventListener("mouseout", function (event) {
    if (host && target(event) === host && !host.contains(event.relatedTarget)) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var el = target(event);
    if (el) show(el);
  });
  document.addEventListener("focusout", function (event) {
    if (host && target(event) === host) release();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") release();
  });
  // The tooltip is placed in the page: it would stay behind when the layout changes.
  window.addEventListener("resize", release);
})();
