// The printed recap of a result: when and on which referential it was established, that it is
// indicative, the site's address, and « Vos réponses » — each question as the form words it (its
// label or legend) with the answer as the person gave it. Shown in print only (simulateur.css).
// Filled after each result (cqp:verdict, from simulateur.mjs), from the form as it is: no path,
// no field name, nothing here knows a rule.
import { longDate, parseDate, today } from "./parse.mjs";

const esc = (v) =>
  String(v).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const text = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : "");
const shown = (el) => !el.closest("[hidden]");

// The words a person reads for a control: its <label>, its aria-label, or what it points at.
function nameOf(form, el) {
  const label = el.id && form.querySelector(`label[for="${CSS.escape(el.id)}"]`);
  if (label) return text(label);
  if (el.getAttribute("aria-label")) return el.getAttribute("aria-label").trim();
  const ids = (el.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
  return ids.map((id) => text(document.getElementById(id))).join(" ");
}

// The name of a group of radios: its radiogroup's name, or its fieldset's legend.
function groupName(form, radio) {
  const group = radio.closest('[role="radiogroup"], fieldset');
  if (!group) return radio.name;
  return nameOf(form, group) || text(group.querySelector("legend"));
}

// A date typed in any of the forms the checker reads (parse.mjs), with its weekday as the date
// field shows it (« lundi 15 juin 2026 », the checker's style); other text as it was typed.
function dateAnswer(value) {
  const when = parseDate(value);
  return esc(when ? longDate(when) : value.trim());
}

export function answersOf(form) {
  const rows = [];
  const radiosSeen = new Set();
  for (const el of form.querySelectorAll("input, select, textarea")) {
    if (!shown(el) || el.type === "hidden" || el.type === "file") continue;
    if (el.type === "radio") {
      if (radiosSeen.has(el.name)) continue;
      radiosSeen.add(el.name);
      const checked = form.querySelector(`input[type="radio"][name="${CSS.escape(el.name)}"]:checked`);
      if (checked) rows.push([groupName(form, el), esc(nameOf(form, checked))]);
      continue;
    }
    if (el.type === "checkbox") {
      rows.push([nameOf(form, el), el.checked ? "Oui" : "Non"]);
    } else if (el.tagName === "SELECT") {
      rows.push([nameOf(form, el), esc(text(el.selectedOptions[0]))]);
    } else if (el.value.trim() !== "") {
      rows.push([nameOf(form, el), el.dataset.type === "date" ? dateAnswer(el.value) : esc(el.value.trim())]);
    }
  }
  return rows;
}

function recap(check, verdict) {
  const panel = document.querySelector(`[data-cqp-sim] .cqp-panel[data-check="${check}"]`);
  const box = panel && panel.querySelector(".cqp-recap");
  if (!box) return;
  const form = panel.querySelector("form");
  const cqpSelect = form.querySelector("select[data-key='cqp']");
  const versions = (window.CQP && window.CQP.versions) || {};
  const cqp = versions[(verdict && verdict.cqp) || (cqpSelect && cqpSelect.value)];
  const now = new Date();
  const when = `${longDate(today(now))} à ${now.toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" })}`;
  const who = verdict && verdict.outcome && verdict.outcome.who;
  const rows = answersOf(form)
    .map(([q, a]) => `<tr><th scope="row">${esc(q)}</th><td>${a}</td></tr>`)
    .join("");
  box.innerHTML =
    `<p class="cqp-recap-meta">Résultat établi le ${esc(when)}` +
    (cqp ? `, d'après le référentiel « ${esc(cqp.title)} », version ${esc(cqp.version)}` : "") + ".</p>" +
    `<p class="cqp-recap-indicative"><strong>Résultat indicatif :</strong> ` +
    `${esc(who || "il ne remplace pas la décision des instances du CQP.")}</p>` +
    `<p class="cqp-recap-site">Simulateur : ${esc(location.origin + location.pathname)}</p>`;
  panel.querySelector(".cqp-recap-answers").innerHTML =
    (rows ? `<table class="cqp-answers"><caption>Vos réponses</caption><thead><tr><th scope="col">Question</th>` +
      `<th scope="col">Réponse</th></tr></thead><tbody>${rows}</tbody></table>` : "");
}

document.addEventListener("cqp:verdict", (e) => recap(e.detail.check, e.detail.verdict));
// The time printed is the time of printing; answers typed since the last result count too.
window.addEventListener("beforeprint", () => {
  for (const panel of document.querySelectorAll("[data-cqp-sim] .cqp-panel")) {
    if (!panel.hidden) recap(panel.dataset.check, panel._cqpVerdict || null);
  }
});
document.addEventListener("cqp:verdict", (e) => {
  const panel = document.querySelector(`[data-cqp-sim] .cqp-panel[data-check="${e.detail.check}"]`);
  if (panel) panel._cqpVerdict = e.detail.verdict;
});
