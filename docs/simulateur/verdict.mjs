// Verdicts as people read them: the outcome, the figures, the sentences of the checker, and
// the rules that decided with links to the pages where they are written. The verdict JSON is
// the checker's (see the public contract); nothing here decides anything.

const esc = (v) =>
  String(v).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const num = (x) => (typeof x === "number" ? x.toLocaleString("fr-FR", { maximumFractionDigits: 2 }) : "—");
const pct = (x) => (typeof x === "number" ? `${num(x)} %` : "—");
const day = (iso) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return m ? `${m[3]}/${m[2]}/${m[1]}` : esc(iso ?? "—");
};
// Pages are named relative to the site root; the simulator is one level down.
const href = (page) => `../${page}`;

function outcome(ok, yes, no) {
  return `<p class="cqp-outcome cqp-outcome--${ok ? "ok" : "ko"}"><span aria-hidden="true">${ok ? "✓" : "✗"}</span> <strong>${esc(ok ? yes : no)}</strong></p>`;
}

function explanations(verdict) {
  const items = (verdict.explanations || []).map((s) => `<li>${esc(s)}</li>`).join("");
  return items ? `<h4>Pourquoi</h4><ul class="cqp-explanations">${items}</ul>` : "";
}

function references(verdict) {
  const items = (verdict.references || [])
    .map((r) => `<li><a href="${esc(href(r.page))}">${esc(r.title)}</a> <span class="cqp-source">(${esc(r.source)})</span></li>`)
    .join("");
  return items ? `<h4>Règles appliquées</h4><ul class="cqp-references">${items}</ul>` : "";
}

const status = (ok, yes = "validé", no = "non validé") =>
  `<span class="cqp-badge cqp-badge--${ok ? "ok" : "ko"}">${ok ? "✓" : "✗"} ${yes && no ? (ok ? yes : no) : ""}</span>`;

function scoreDomains(v) {
  const rows = Object.entries(v.domains)
    .map(([id, d]) => {
      let figures = "pas encore évalué";
      if (d.carried_over) figures = `validé le ${day(d.validated_on)}, bénéfice jusqu'au ${day(d.valid_until)}`;
      else if (d.evaluated !== false && d.rate !== undefined) {
        figures = `taux ${pct(d.rate)}` + (d.total !== undefined ? ` (${num(d.positive)} / ${num(d.total)} indicateurs)` : "");
      }
      return `<tr><th scope="row">${esc(id)}</th><td>${status(d.validated)}</td><td>${figures}</td></tr>`;
    })
    .join("");
  return `<table class="cqp-result"><caption>Résultat par domaine</caption><thead><tr><th scope="col">Domaine</th>` +
    `<th scope="col">Décision</th><th scope="col">Chiffres</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function scoreBlocks(v) {
  const rows = Object.entries(v.blocks)
    .map(([id, b]) => {
      let figures = "pas encore évalué";
      if (b.evaluated !== false && b.average !== null && b.average !== undefined) {
        figures = `${v.route === "vae" ? "score" : "moyenne"} ${pct(b.average)}`;
        const comps = Object.entries(b.competences || {});
        if (comps.length) {
          const below = new Set(b.below_minimum || []);
          figures += `<ul class="cqp-competences">${comps
            .map(([c, m]) => `<li${below.has(c) ? ' class="cqp-below"' : ""}>${esc(c)} : ${pct(m)}${below.has(c) ? " — sous le minimum" : ""}</li>`)
            .join("")}</ul>`;
        }
      }
      return `<tr><th scope="row">${esc(id)}</th><td>${status(b.validated)}</td><td>${figures}</td></tr>`;
    })
    .join("");
  return `<table class="cqp-result"><caption>Résultat par bloc (maîtrise de chaque compétence)</caption><thead><tr>` +
    `<th scope="col">Bloc</th><th scope="col">Décision</th><th scope="col">Chiffres</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function renderScore(v) {
  let html = outcome(v.certified, "CQP obtenu", "CQP non obtenu");
  if (v.domains) html += scoreDomains(v);
  if (v.blocks) html += scoreBlocks(v);
  if (v.delivered_blocks && v.delivered_blocks.length && !v.certified) {
    html += `<p>Bloc(s) de compétences délivré(s) : ${v.delivered_blocks.map(esc).join(", ")}.</p>`;
  }
  return html;
}

function renderEligibility(v) {
  const items = (v.checks || [])
    .map((c) => `<li class="cqp-check cqp-check--${c.ok ? "ok" : "ko"}">${status(c.ok, "", "")} ` +
      `<span class="cqp-visually-hidden">${c.ok ? "Remplie :" : "Non remplie :"}</span> ${esc(c.message)}` +
      (c.page ? ` <a href="${esc(href(c.page))}">Voir la règle</a>` : "") +
      ` <span class="cqp-source">(${esc(c.source)})</span></li>`)
    .join("");
  return outcome(v.eligible, "Éligible", "Non éligible") + `<h4>Conditions vérifiées</h4><ul class="cqp-checks">${items}</ul>`;
}

// What a deadline counts from: a date of the form, or another deadline.
function startOf(d, list) {
  const fields = (window.__cqpConfig && window.__cqpConfig.fieldLabels) || {};
  const other = list.find((x) => x.id === d.from);
  return fields[d.from] || (other && other.label) || d.from || "";
}

function renderDeadlines(v) {
  const list = v.deadlines || [];
  if (!list.length) return `<p>Aucune échéance : indiquez au moins une date.</p>`;
  const rows = list
    .map((d) => `<tr><td>${day(d.date)}</td><th scope="row">${d.page ? `<a href="${esc(href(d.page))}">${esc(d.label)}</a>` : esc(d.label)}</th>` +
      `<td>${esc(d.counting || "")}${d.from ? ` : ${esc(startOf(d, list).toLowerCase())}` : ""}` +
      (d.holidays_skipped && d.holidays_skipped.length
        ? `<br><span class="cqp-source">Fériés écartés : ${d.holidays_skipped.map((h) => `${esc(h.name)} (${day(h.date)})`).join(", ")}</span>` : "") +
      `</td><td>${esc(d.who || "")}</td><td class="cqp-source">${esc(d.source)}</td></tr>`)
    .join("");
  return `<p class="cqp-outcome"><strong>${list.length} échéance(s)</strong></p>` +
    `<table class="cqp-result"><caption>Échéances, par date</caption><thead><tr><th scope="col">Date</th><th scope="col">Échéance</th>` +
    `<th scope="col">Décompte</th><th scope="col">Qui</th><th scope="col">Source</th></tr></thead><tbody>${rows}</tbody></table>` +
    `<p><button type="button" class="md-button" data-ics>Télécharger le calendrier (.ics)</button></p>`;
}

// --- iCalendar (RFC 5545): all-day events, escaped text, lines folded at 75 octets ---

function icsText(s) {
  return String(s).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

function fold(line) {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const out = [];
  let cur = "";
  let size = 0;
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length;
    if (size + n > (out.length ? 74 : 75)) {
      out.push(cur);
      cur = "";
      size = 0;
    }
    cur += ch;
    size += n;
  }
  out.push(cur);
  return out.join("\r\n ");
}

export function icsOf(verdict, now = new Date()) {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const compact = (iso) => iso.replace(/-/g, "");
  const next = (iso) => {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CQP commerce de gros//Simulateur//FR", "CALSCALE:GREGORIAN"];
  for (const d of verdict.deadlines || []) {
    lines.push("BEGIN:VEVENT", `UID:${d.id}-${compact(d.date)}@cqp-simulateur`, `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(d.date)}`, `DTEND;VALUE=DATE:${compact(next(d.date))}`,
      `SUMMARY:${icsText(d.label)}`,
      `DESCRIPTION:${icsText([d.counting && `${d.counting} ${d.from || ""}`.trim(), d.who, d.source].filter(Boolean).join(" — "))}`,
      "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}

// --- entry points ---

export function renderVerdict(container, check, verdict, error, field) {
  if (error) {
    const missing = / missing\b/.test(error);
    container.innerHTML = `<p class="cqp-outcome cqp-outcome--error"><strong>${missing ? "À compléter" : "Saisie à corriger"}</strong></p>` +
      `<p class="cqp-error-message">${esc(error)}</p>` +
      (field ? `<p><a href="#${esc(field.id)}" class="cqp-goto">Aller au champ concerné</a></p>` : "");
    const goto = container.querySelector(".cqp-goto");
    if (goto) goto.addEventListener("click", (e) => { e.preventDefault(); field.focus(); });
    return;
  }
  const body = { score: renderScore, eligibility: renderEligibility, deadlines: renderDeadlines }[check](verdict);
  container.innerHTML = body + explanations(verdict) + references(verdict);
  const ics = container.querySelector("[data-ics]");
  if (ics) {
    ics.addEventListener("click", () => {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([icsOf(verdict)], { type: "text/calendar" }));
      a.download = "cqp-echeances.ics";
      document.body.append(a);
      a.click();
      a.remove();
    });
  }
}

export function summaryOf(check, verdict, error) {
  if (error) return `${/ missing\b/.test(error) ? "À compléter" : "Saisie à corriger"} : ${error}`;
  if (check === "score") {
    const parts = Object.entries(verdict.domains || verdict.blocks || {});
    const ok = parts.filter(([, p]) => p.validated).map(([id]) => id);
    const ko = parts.filter(([, p]) => !p.validated).map(([id]) => id);
    return `Verdict : ${verdict.certified ? "CQP obtenu" : "CQP non obtenu"}.` +
      (ok.length ? ` Validé(s) : ${ok.join(", ")}.` : "") + (ko.length ? ` Non validé(s) : ${ko.join(", ")}.` : "");
  }
  if (check === "eligibility") {
    const ko = (verdict.checks || []).filter((c) => !c.ok).length;
    return verdict.eligible ? "Verdict : éligible, toutes les conditions vérifiées sont remplies."
      : `Verdict : non éligible, ${ko} condition(s) non remplie(s).`;
  }
  const n = (verdict.deadlines || []).length;
  return n ? `Verdict : ${n} échéance(s) calculée(s).` : "Aucune échéance : indiquez au moins une date.";
}
