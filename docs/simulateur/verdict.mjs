// Verdicts as people read them: the outcome, the figures, the sentences of the checker, and
// the rules that decided with links to the pages where they are written. Everything shown is
// rendered from the verdict's structured trace (steps {rule, status, inputs, measured,
// threshold, ok}) and, for bad input, from the checker's list of problems (each with its French
// label and message): nothing here parses a sentence, and nothing here decides anything.

import { mark } from "./marks.mjs";
import { frenchSpacing, frenchText } from "./typography.mjs";

const esc = (v) =>
  String(v).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const num = (x) => (typeof x === "number" ? x.toLocaleString("fr-FR", { maximumFractionDigits: 2 }) : "—");
const pct = (x) => (typeof x === "number" ? `${num(x)} %` : "—");
// A date as people read it, with its weekday: « lundi 15/06/2026 ».
export const day = (iso) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return esc(iso ?? "—");
  const [, y, mo, d] = m;
  const weekday = new Date(Date.UTC(+y, mo - 1, +d)).toLocaleDateString("fr-FR", { weekday: "long", timeZone: "UTC" });
  return `${weekday} ${d}/${mo}/${y}`;
};
// A list as a sentence says it: « C1.1, C1.2 et C1.3 ».
const sayList = (items) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} et ${items[items.length - 1]}`);
// French agreement: 0 and 1 take the singular.
const plural = (n, one, many) => (n > 1 ? many : one);
// Pages are named relative to the site root; the simulator is one level down.
const href = (page) => `../${page}`;

// The rule that decides each domain or block, and how its figures read.
const PART_RULES = {
  domain_pass_rate: (s) => `taux ${pct(s.measured)} (${num(s.inputs.positive)} / ${num(s.inputs.total)} indicateurs)`,
  domain_benefit: (s) => `validé le ${day(s.inputs.validated_on)}, bénéfice jusqu'au ${day(s.threshold)}`,
  block_average_min: (s) => `moyenne ${pct(s.measured)}`,
  vae_block_min: (s) => `score ${pct(s.measured)}`,
};
const CERTIFICATION = ["certification_all_domains", "certification_all_blocks"];

const steps = (verdict) => verdict.trace || [];

// The headline the checker chose (positive, negative, or neutral while something is unknown),
// and who decides, when the referential says it.
const MARKS = { positive: "ok", negative: "ko", neutral: "none" };
function outcome(o) {
  const cls = MARKS[o.status] || MARKS.neutral;
  return `<p class="cqp-outcome cqp-outcome--${cls}">${mark(cls)} <strong>${esc(o.title)}</strong></p>` +
    (o.who ? `<p class="cqp-outcome-who">${esc(o.who)}</p>` : "");
}

function explanations(verdict) {
  const items = (verdict.explanations || []).map((s) => `<li>${esc(s)}</li>`).join("");
  return items ? `<h4>Pourquoi</h4><ul class="cqp-explanations">${items}</ul>` : "";
}

// « Que faire maintenant ? »: the next steps the referential gives for this result.
function nextSteps(verdict) {
  const items = (verdict.next_steps || [])
    .map((s) => `<li>${esc(s.text)}${s.page ? ` <a href="${esc(href(s.page))}">En savoir plus` +
      `${s.title ? `<span class="cqp-visually-hidden"> : ${esc(s.title)}</span>` : ""}</a>` : ""}</li>`)
    .join("");
  return items ? `<h4>Que faire maintenant ?</h4><ul class="cqp-next-steps">${items}</ul>` : "";
}

function references(verdict) {
  const items = (verdict.references || [])
    .map((r) => `<li><a href="${esc(href(r.page))}">${esc(r.title)}</a> <span class="cqp-source">(${esc(r.source)})</span></li>`)
    .join("");
  return items ? `<h4>Règles appliquées</h4><ul class="cqp-references">${items}</ul>` : "";
}

// ok true / false, or null when nothing is known yet (neutral, never shown as a failure); the
// word says which (« validé », « pas encore évalué »…), "" shows the sign alone.
const stateOf = (ok) => (ok === null || ok === undefined ? "none" : ok ? "ok" : "ko");
function status(ok, word) {
  const state = stateOf(ok);
  const text = word ?? { none: "pas encore évalué", ok: "validé", ko: "non validé" }[state];
  return `<span class="cqp-badge cqp-badge--${state}">${mark(state)}${text ? ` ${esc(text)}` : ""}</span>`;
}

// The name people read for an evaluation of a competence: the header of its column in the
// form (« Jury (50 %) » → « Jury »), or the evaluation's own name when the form has none.
function evaluationName(path, fieldOf) {
  const field = fieldOf(path);
  const cell = field && field.closest("td");
  const header = cell && cell.closest("table").querySelectorAll("thead th")[cell.cellIndex];
  const text = header ? header.textContent.replace(/\s*\(.*\)\s*$/, "").trim() : "";
  return text || path.split(".").pop();
}

// What the unknown results of a block must reach (contract v1.1 `needed`), as sentences.
function blockNeeded(part, step, needed, fieldOf) {
  const per = (needed && needed.per_competence) || {};
  const name = (c, e) => evaluationName(`blocks.${part}.${c}.${e}`, fieldOf);
  // « Jury de C1.1 et C1.2 ; Questionnaire, Tuteur et Jury de C1.3 et C1.4 »
  const groups = new Map();
  for (const [c, evals] of Object.entries(per)) {
    const key = sayList(Object.keys(evals).map((e) => name(c, e)));
    groups.set(key, [...(groups.get(key) || []), c]);
  }
  const which = [...groups].map(([evals, cs]) => `${evals} de ${sayList(cs)}`).join(" ; ");
  let sentence;
  if (step.needed === null) {
    sentence = "Même avec le maximum à chacun des résultats restants, ce bloc ne peut plus être validé.";
  } else if (step.needed === 0) {
    sentence = "Les résultats déjà connus suffisent : ce bloc sera validé quels que soient les résultats restants.";
  } else {
    sentence = `Il vous faut au moins ${pct(step.needed)} à chacun des résultats restants` + (which ? ` (${which})` : "") + ".";
  }
  // One line per requirement, naming every competence it applies to: « C1.1 et C1.2 : au moins
  // 28 % (Jury) pour atteindre leur minimum ».
  const lines = new Map();
  for (const [c, evals] of Object.entries(per)) {
    const values = Object.values(evals);
    const names = sayList(Object.keys(evals).map((e) => name(c, e)));
    let what;
    if (values.some((x) => x === null)) what = "lost";
    else if (values.every((x) => x === 0)) what = "reached";
    else if (values.every((x) => x === values[0])) what = `au moins ${pct(values[0])} ${values.length > 1 ? `à chacun (${names})` : `(${names})`}`;
    else what = Object.entries(evals).map(([e, x]) => `au moins ${pct(x)} (${name(c, e)})`).join(", ");
    lines.set(what, [...(lines.get(what) || []), c]);
  }
  const items = [...lines].map(([what, cs]) => {
    const many = cs.length > 1;
    if (what === "lost") return `<li class="cqp-below">${esc(sayList(cs))} : ${many ? "ne peuvent" : "ne peut"} plus atteindre ${many ? "leur" : "son"} minimum.</li>`;
    if (what === "reached") return `<li>${esc(sayList(cs))} : minimum déjà atteint.</li>`;
    return `<li>${esc(sayList(cs))} : ${esc(what)} pour atteindre ${many ? "leur" : "son"} minimum.</li>`;
  });
  return `<p class="cqp-needed">${esc(sentence)}</p>` +
    (items.length ? `<p class="cqp-needed-title">Minimum de chaque compétence encore à évaluer :</p><ul class="cqp-competences">${items.join("")}</ul>` : "");
}

// A domain not passed, or not all evaluated: how many positive indicators it takes.
function domainNeeded(domain) {
  if (!domain || typeof domain.needed_positive !== "number") return "";
  return `<p class="cqp-needed">Il faut au moins ${num(domain.needed_positive)} indicateurs positifs sur ${num(domain.total)} pour valider ce domaine.</p>`;
}

function competenceMinima(verdict, part) {
  const minima = steps(verdict).filter((m) => m.rule === "competence_mastery_min" && m.part === part && m.status === "decided");
  return {
    ok: minima.every((m) => m.ok),
    html: minima.length
      ? `<ul class="cqp-competences">${minima
        .map((m) => `<li${m.ok ? "" : ' class="cqp-below"'}>${esc(m.competence)} : ${pct(m.measured)}${m.ok ? "" : " — sous le minimum"}</li>`)
        .join("")}</ul>`
      : "",
  };
}

// One row per domain or block: {id, ok (true, false or null: not known yet), label of its
// status, figures (HTML)}.
function partRows(verdict, fieldOf = () => null) {
  const rows = [];
  const parts = verdict.blocks || verdict.domains || {};
  for (const s of steps(verdict)) {
    if (!(s.rule in PART_RULES) || !s.part || s.status === "computed") continue;
    if (s.status === "not_evaluated") {
      rows.push({ id: s.part, ok: null, word: "pas encore évalué", figures: "Aucun résultat pour l'instant." });
      continue;
    }
    if (s.status === "incomplete") {
      const i = s.inputs;
      if (i.evaluated !== undefined) {
        rows.push({ id: s.part, ok: null, word: "incomplet",
          figures: `<p>${num(i.evaluated)} indicateurs évalués sur ${num(i.total)} : tous doivent être évalués.</p>` +
            domainNeeded(parts[s.part]) });
        continue;
      }
      const minima = competenceMinima(verdict, s.part);
      const lost = s.needed === null;
      rows.push({ id: s.part, ok: lost ? false : null, word: lost ? "ne peut plus être validé" : "en attente de résultats",
        figures: `<p>${num(i.unknown)} ${i.unknown > 1 ? "résultats" : "résultat"} sur ${num(i.results)} encore à venir.</p>` +
          (minima.html ? `<p class="cqp-needed-title">Compétences déjà évaluées :</p>${minima.html}` : "") +
          blockNeeded(s.part, s, parts[s.part] && parts[s.part].needed, fieldOf) });
      continue;
    }
    const minima = competenceMinima(verdict, s.part);
    const ok = s.ok && minima.ok;
    rows.push({ id: s.part, ok, word: null,
      figures: `<p>${PART_RULES[s.rule](s)}</p>` + minima.html + (ok ? "" : domainNeeded(parts[s.part])) });
  }
  return rows;
}

function renderScore(v, fieldOf) {
  const cert = steps(v).find((s) => CERTIFICATION.includes(s.rule));
  const word = cert && cert.rule === "certification_all_domains" ? ["domaine", "Domaine"] : ["bloc", "Bloc"];
  let html = outcome(v.outcome);
  const heads = [word[1], "Résultat", "Détail"];
  const rows = partRows(v, fieldOf)
    .map((r) => `<tr><th scope="row" data-label="${heads[0]}"><span class="cqp-part-name">${heads[0]} ${esc(r.id)}</span></th>` +
      `<td data-label="${heads[1]}">${status(r.ok, r.word ?? undefined)}</td>` +
      `<td data-label="${heads[2]}">${r.figures}</td></tr>`)
    .join("");
  const caption = word[0] === "bloc" ? "Résultat par bloc (maîtrise de chaque compétence)" : "Résultat par domaine";
  html += `<table class="cqp-result cqp-cards"><caption>${caption}</caption><thead><tr>` +
    heads.map((h) => `<th scope="col">${h}</th>`).join("") + `</tr></thead><tbody>${rows}</tbody></table>`;
  const delivery = steps(v).find((s) => s.rule === "block_delivery");
  if (delivery && delivery.measured && delivery.measured.length) {
    html += `<p>Bloc(s) de compétences délivré(s) : ${delivery.measured.map(esc).join(", ")}.</p>`;
  }
  return html;
}

function renderEligibility(v) {
  const items = (v.checks || [])
    .map((c) => `<li class="cqp-check cqp-check--${stateOf(c.ok)}">${status(c.ok, "")} ` +
      `<span class="cqp-visually-hidden">${{ ok: "Remplie :", ko: "Non remplie :", none: "À compléter :" }[stateOf(c.ok)]}</span> ${esc(c.message)}` +
      (c.page ? ` <a href="${esc(href(c.page))}">Voir la règle${c.title ? `<span class="cqp-visually-hidden"> : ${esc(c.title)}</span>` : ""}</a>` : "") +
      ` <span class="cqp-source">(${esc(c.source)})</span></li>`)
    .join("");
  const toPrepare = (v.to_prepare || [])
    .map((r) => `<li><a href="${esc(href(r.page))}">${esc(r.title)}</a></li>`).join("");
  return outcome(v.outcome) + `<h4>Conditions vérifiées</h4><ul class="cqp-checks">${items}</ul>` +
    (toPrepare ? `<h4>À préparer (non vérifié ici)</h4><ul class="cqp-to-prepare">${toPrepare}</ul>` : "");
}

function renderDeadlines(v) {
  const list = v.deadlines || [];
  if (!list.length) return `<p class="cqp-outcome cqp-outcome--none"><strong>Aucune échéance pour l'instant : indiquez au moins une date.</strong></p>`;
  const heads = ["Date", "Échéance", "Décompte", "Qui", "Source"];
  const rows = list
    .map((d) => `<tr><td data-label="${heads[0]}">${day(d.date)}</td>` +
      `<th scope="row" data-label="${heads[1]}">${d.page ? `<a href="${esc(href(d.page))}">${esc(d.label)}</a>` : esc(d.label)}</th>` +
      `<td data-label="${heads[2]}">${esc(d.counted_from || d.counting || "")}` +
      (d.holidays_skipped && d.holidays_skipped.length
        ? `<br><span class="cqp-source">Fériés écartés : ${d.holidays_skipped.map((h) => `${esc(h.name)} (${day(h.date)})`).join(", ")}</span>` : "") +
      `</td><td data-label="${heads[3]}">${esc(d.who || "")}</td><td class="cqp-source" data-label="${heads[4]}">${esc(d.source)}</td></tr>`)
    .join("");
  return `<p class="cqp-outcome cqp-outcome--none"><strong>${list.length} ${plural(list.length, "échéance calculée", "échéances calculées")}</strong></p>` +
    `<table class="cqp-result cqp-cards cqp-deadlines"><caption>Échéances, par date</caption><thead><tr>` +
    heads.map((h) => `<th scope="col">${h}</th>`).join("") + `</tr></thead><tbody>${rows}</tbody></table>` +
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

// A reminder a few days before each deadline, as calendars show it (a choice of the site, not a rule).
const REMINDER = { trigger: "-P3D", words: "Dans trois jours : " };

// A stable identity per deadline and situation: re-importing the same calendar updates its
// events, and two candidates' calendars never overwrite each other's.
function fingerprint(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

export function icsOf(verdict, now = new Date(), situation = null, site = location.href) {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const compact = (iso) => iso.replace(/-/g, "");
  const next = (iso) => {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CQP commerce de gros//Simulateur//FR", "CALSCALE:GREGORIAN"];
  const who = fingerprint(JSON.stringify(situation ?? verdict));
  for (const d of verdict.deadlines || []) {
    const url = d.page ? new URL(href(d.page), site).href : null;
    lines.push("BEGIN:VEVENT", `UID:${d.id}-${compact(d.date)}-${who}@cqp-simulateur`, `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(d.date)}`, `DTEND;VALUE=DATE:${compact(next(d.date))}`,
      `SUMMARY:${icsText(d.label)}`,
      `DESCRIPTION:${icsText([d.counted_from, d.who, d.source && `Source : ${d.source}`, url && `Explications : ${url}`]
        .filter(Boolean).join("\n"))}`,
      ...(url ? [`URL:${url}`] : []),
      "BEGIN:VALARM", "ACTION:DISPLAY", `TRIGGER:${REMINDER.trigger}`,
      `DESCRIPTION:${icsText(REMINDER.words + d.label)}`, "END:VALARM",
      "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}

// --- entry points ---

// The problems of a bad situation: the checker's list (contract v1.1: path, kind, French label
// and message), or, from an older engine, its one message.
export function problemsOf(error) {
  if (error && Array.isArray(error.errors) && error.errors.length) return error.errors;
  const message = error && error.message !== undefined ? error.message : String(error);
  return [{ path: message.split(": ")[0], kind: null, message }];
}

const incomplete = (problems) => problems.every((p) => p.kind === "missing");

// A problem as people read it next to its field: a missing answer is asked for by its label
// (what the checker expects, e.g. a JSON object, is for the command line); any other problem
// says what was expected, in the checker's words.
export function problemText(p) {
  return frenchText(p.kind === "missing" && p.label ? `${p.label} : réponse attendue.` : p.message);
}

function inFormOrder(problems, fieldOf) {
  const placed = problems.map((p, i) => ({ p, i, field: fieldOf(p.path) }));
  placed.sort((a, b) => {
    if (!a.field || !b.field) return (a.field ? 0 : 1) - (b.field ? 0 : 1) || a.i - b.i;
    if (a.field === b.field) return a.i - b.i;
    return a.field.compareDocumentPosition(b.field) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  return placed.map((x) => x.p);
}

export function renderVerdict(container, check, verdict, error, fieldOf = () => null, situation = null) {
  if (error) {
    // In the order of the form, as a person goes through it (the checker lists them in the
    // situation's order); a problem with no field of its own comes last.
    const problems = inFormOrder(problemsOf(error), fieldOf);
    // A missing answer is named by its label alone (what it expects is the form's business);
    // another problem says what was expected, in the checker's words.
    const items = problems
      .map((p, i) => {
        const field = fieldOf(p.path);
        const what = p.kind === "missing" && p.label ? p.label : p.message;
        return `<li>${esc(what)}${field ? ` <a href="#${esc(field.id)}" class="cqp-goto" data-i="${i}">Aller au champ` +
          `<span class="cqp-visually-hidden"> : ${esc(p.label || what)}</span></a>` : ""}</li>`;
      })
      .join("");
    // Answers not given yet are not a failure: « À compléter » is neutral, never red.
    const todo = incomplete(problems);
    container.innerHTML = `<p class="cqp-outcome cqp-outcome--${todo ? "none" : "error"}">${mark(todo ? "none" : "ko")} <strong>${todo ? "À compléter" : "Saisie à corriger"}</strong></p>` +
      (todo ? `<p>${problems.length > 1 ? `Il manque encore ${problems.length} réponses` : "Il manque encore une réponse"} :</p>` : "") +
      `<ul class="cqp-error-message">${items}</ul>`;
    frenchSpacing(container);
    for (const a of container.querySelectorAll(".cqp-goto")) {
      a.addEventListener("click", (e) => {
        e.preventDefault();
        fieldOf(problems[Number(a.dataset.i)].path).focus();
      });
    }
    return;
  }
  const body = { score: renderScore, eligibility: renderEligibility, deadlines: renderDeadlines }[check](verdict, fieldOf);
  container.innerHTML = body + nextSteps(verdict) + explanations(verdict) + references(verdict);
  frenchSpacing(container);
  const ics = container.querySelector("[data-ics]");
  if (ics) {
    ics.addEventListener("click", () => {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([icsOf(verdict, new Date(), situation)], { type: "text/calendar" }));
      a.download = "cqp-echeances.ics";
      document.body.append(a);
      a.click();
      a.remove();
    });
  }
}

export function summaryOf(check, verdict, error) {
  if (error) {
    const problems = problemsOf(error);
    return `${incomplete(problems) ? "À compléter" : "Saisie à corriger"} : ` +
      problems.map((p) => (p.kind === "missing" && p.label ? p.label : p.message)).join(" ; ");
  }
  if (check === "score") {
    const rows = partRows(verdict);
    const ok = rows.filter((r) => r.ok === true).map((r) => r.id);
    const ko = rows.filter((r) => r.ok === false).map((r) => r.id);
    return `Résultat : ${verdict.outcome.title}.` +
      (ok.length ? ` ${plural(ok.length, "Validé", "Validés")} : ${sayList(ok)}.` : "") +
      (ko.length ? ` ${plural(ko.length, "Non validé", "Non validés")} : ${sayList(ko)}.` : "");
  }
  if (check === "eligibility") {
    const decided = steps(verdict).filter((s) => s.status === "decided");
    const ko = decided.filter((s) => !s.ok).length;
    return `Résultat : ${verdict.outcome.title}` +
      (ko === 0 ? ", toutes les conditions vérifiées sont remplies." : `, ${ko} ${plural(ko, "condition non remplie", "conditions non remplies")}.`);
  }
  const n = (verdict.deadlines || []).length;
  return n ? `Résultat : ${n} ${plural(n, "échéance calculée", "échéances calculées")}.` : "Aucune échéance : indiquez au moins une date.";
}
