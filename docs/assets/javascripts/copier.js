// Copy buttons of the page /liens/ (build_scripts/pages/links.py): each copies its data-copy
// text (an address made absolute from the page's own when the build wrote it relative), says so in French on the button and to screen readers, and falls back to selecting
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

  // Without a configured address (CQP_SITE_URL), the build writes relative addresses: each is
  // made absolute here from where the page is served, in what is copied and in the code shown.
  function absolute(address) {
    try {
      return new URL(address, location.href).href;
    } catch (err) {
      return address;
    }
  }
  function withFrame(code, frame) {
    return code.split('src="' + frame + '"').join('src="' + absolute(frame) + '"');
  }
  document.querySelectorAll("pre.cqp-snippet[data-frame]").forEach(function (pre) {
    var code = pre.querySelector("code") || pre;
    code.textContent = withFrame(code.textContent, pre.getAttribute("data-frame"));
  });

  // The snippet generator: the tool, CQP and route chosen give the frame's address (with its
  // settings, read by integrer.js), the code to copy and a live preview.
  var maker = document.querySelector("[data-maker]");
  if (maker) {
    var pick = function (id) { return maker.querySelector("#" + id); };
    var preview = null;
    // The live preview is far down the page: the tool it shows (its scripts, its engine) loads
    // when the reader comes near it, not with the page (the browser's own lazy loading starts
    // frames several screens ahead, which is the whole page on a phone).
    var near = !("IntersectionObserver" in window);
    var frame = null;
    var show = function () {
      if (near && preview && preview.src !== frame) preview.src = frame;
    };
    if (!near) {
      var watch = new IntersectionObserver(function (entries) {
        if (!entries.some(function (e) { return e.isIntersecting; })) return;
        near = true;
        watch.disconnect();
        show();
      }, { rootMargin: "200px 0px" });
      watch.observe(pick("maker-preview"));
    }
    var update = function () {
      var tool = pick("maker-tool");
      var query = [];
      if (pick("maker-cqp").value) query.push("cqp=" + encodeURIComponent(pick("maker-cqp").value));
      if (pick("maker-route").value) query.push("voie=" + encodeURIComponent(pick("maker-route").value));
      frame = absolute(maker.getAttribute("data-base") + "integrer-" + tool.value + "/" +
        (query.length ? "?" + query.join("&") : ""));
      var title = tool.selectedOptions[0].getAttribute("data-title");
      var code = maker.getAttribute("data-code").split("{cadre}").join(frame).replace('title=""', 'title="' + title + '"');
      pick("maker-code").textContent = code;
      pick("maker-copy").setAttribute("data-copy", code);
      if (!preview) {
        preview = document.createElement("iframe");
        preview.className = "cqp-embed-preview-frame";
        preview.setAttribute("aria-labelledby", "maker-preview-title");
        pick("maker-preview").appendChild(preview);
        addEventListener("message", function (e) {
          if (e.source !== preview.contentWindow || e.origin !== location.origin || !e.data || e.data.type !== "cqp:hauteur") return;
          var h = Number(e.data.height);
          if (h > 0) preview.style.height = Math.min(Math.ceil(h), 12000) + "px";
        });
      }
      preview.title = title;
      show();
    };
    ["maker-tool", "maker-cqp", "maker-route"].forEach(function (id) { pick(id).addEventListener("change", update); });
    maker.hidden = false;
    update();
  }

  document.querySelectorAll("button.cqp-copy").forEach(function (button) {
    var frame = button.getAttribute("data-frame");
    var text = button.getAttribute("data-copy");
    if (button.id !== "maker-copy") button.setAttribute("data-copy", frame ? withFrame(text, frame) : absolute(text));
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy");
      copy(text).then(function (ok) { done(button, ok, text.length > 120 ? "le code d'intégration" : text); });
    });
  });
})();
