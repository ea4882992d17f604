// Copy buttons of the page /liens/ (build_scripts/pages/links.py): each copies its data-copy
// text, says so in French on the button and to screen readers, and falls back to selecting
// the text when the browser refuses the clipboard. Without JavaScript the buttons stay hidden.
(function () {
  "use strict";
  var status = document.querySelector(".cqp-copy-status");

  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (err) {
      ok = false;
    }
    area.remove();
    return ok;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return fallback(text); });
    }
    return Promise.resolve(fallback(text));
  }

  function done(button, ok, text) {
    var visible = button.firstChild;
    var before = visible.nodeValue;
    visible.nodeValue = ok ? "Copié !" : "Copie impossible";
    if (status) status.textContent = ok ? "Copié dans le presse-papiers : " + text
      : "Le navigateur refuse de copier : sélectionnez le lien et copiez-le vous-même (Ctrl+C).";
    setTimeout(function () { visible.nodeValue = before; }, 2000);
  }

  document.querySelectorAll("button.cqp-copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy");
      copy(text).then(function (ok) { done(button, ok, text.length > 120 ? "le code d'intégration" : text); });
    });
  });
})();
