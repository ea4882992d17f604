// Verdicts as people read them: the outcome, each domain or block, what is still needed, what
// to do next and the rules applied. Everything said comes typeset from the checker — the
// verdict's `display` (its sentences, per part, keyed by rule and state in
// referentiels/site.yaml) and, for bad input, the checker's list of problems — and the words
// around them (headings, table headers) from the page's configuration: this module only builds
// HTML. Nothing here knows a rule, writes a sentence, formats a date, or decides anything.

import { mark } from "./marks.mjs";

const esc = (v) =>
  String(v).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
// Pages are named relative to the site root; the simulator is one level down.
const href = (page) => `../${page}`;

// The screen's words, typeset by the build (referentiels/site.yaml, `screen`).
let configured = null;
function words() {
  configured ??= JSON.parse(document.getElementById("cqp-config").textContent).words || {};
  return configured;
}

// A state as the page marks it: validated (ok), not validated or out of reach (ko), not known
// yet (none: neutral, never shown as a failure).
const MARKS = { validated: "ok", not_validated: "ko", out_of_reach: "ko", not_known: "none", error: "ko" };
const OUTCOME_MARKS = { positive: "ok", negative: "ko", neutral: "none" };

function outcome(o) {
  const cls = OUTCOME_MARKS[o.status] || "none";
  return `<p class="cqp-outcome cqp-outcome--${cls}">${mark(cls)} <strong>${esc(o.title)}</strong></p>` +
    (o.who ? `<p class="cqp-outcome-who">${esc(o.who)}</p>` : "");
}

function badge(cls, text) {
  return `<span class="cqp-badge cqp-badge--${cls}">${mark(cls)}${text ? ` ${esc(text)}` : ""}</span>`;
}

function list(items, cls) {
  return items.length ? `<ul class="${cls}">${items.join("")}</ul>` : "";
}

function explanations(notes) {
  const items = (notes || []).map((s) => `<li>${esc(s)}</li>`);
  return items.length ? `<h4>${esc(words().why)}</h4>${list(items, "cqp-explanations")}` : "";
}

// « Que faire maintenant ? »: the next steps the referential gives for this result.
function nextSteps(verdict) {
  const w = words();
  const items = (verdict.next_steps || [])
    .map((s) => `<li>${esc(s.text)}${s.page ? ` <a href="${esc(href(s.page))}">${esc(w.learn_more)}` +
      `${s.title ? `<span class="cqp-visually-hidden"> : ${esc(s.title)}</span>` : ""}</a>` : ""}</li>`);
  return items.length ? `<h4>${esc(w.next_steps)}</h4>${list(items, "cqp-next-steps")}` : "";
}

function references(verdict) {
  const items = (verdict.references || [])
    .map((r) => `<li><a href="${esc(href(r.page))}">${esc(r.title)}</a> <span class="cqp-source">(${esc(r.source)})</span></li>`);
  return items.length ? `<h4>${esc(words().rules_applied)}</h4>${list(items, "cqp-references")}` : "";
}

// One row per domain or block: its state, its sentences (each fact once), the masteries of its
// competences already known and what the others still need.
function partRow(part, heads) {
  const w = words();
  const known = part.competences.map((c) => `<li${c.state === "validated" ? "" : ' class="cqp-below"'}>${esc(c.text)}</li>`);
  const needs = part.competence_needs.map((c) => `<li${c.state === "out_of_reach" ? ' class="cqp-below"' : ""}>${esc(c.text)}</li>`);
  const figures = part.sentences.map((s) => `<p>${esc(s)}</p>`).join("") +
    (known.length && needs.length ? `<p class="cqp-needed-title">${esc(w.known_competences)}</p>` : "") + list(known, "cqp-competences") +
    (needs.length ? `<p class="cqp-needed-title">${esc(w.competence_minima)}</p>${list(needs, "cqp-competences")}` : "");
  return `<tr data-part="${esc(part.id)}" data-state="${esc(part.state)}"><th scope="row" data-label="${esc(heads[0])}">` +
    `<span class="cqp-part-name">${esc(heads[0])} ${esc(part.id)}</span></th>` +
    `<td data-label="${esc(heads[1])}">${badge(MARKS[part.state] || "none", part.label)}</td>` +
    `<td data-label="${esc(heads[2])}">${figures}</td></tr>`;
}

function renderScore(v) {
  const w = words();
  const d = v.display;
  const byDomain = d.structure === "domains";
  const heads = [byDomain ? w.domain : w.block, w.result, w.detail];
  return outcome(v.outcome) +
    `<table class="cqp-result cqp-cards"><caption>${esc(byDomain ? w.by_domain : v.route === "vae" ? w.by_block_vae : w.by_block)}</caption><thead><tr>` +
    heads.map((h) => `<th scope="col">${esc(h)}</th>`).join("") + `</tr></thead><tbody>` +
    d.parts.map((p) => partRow(p, heads)).join("") + `</tbody></table>`;
}

function renderEligibility(v) {
  const w = words();
  const said = v.display.checks;
  const items = (v.checks || []).map((c, i) => {
    const state = c.ok === null || c.ok === undefined ? "none" : c.ok ? "ok" : "ko";
    return `<li class="cqp-check cqp-check--${state}">${badge(state, "")} ` +
      `<span class="cqp-visually-hidden">${esc(said[i].said)}</span> ${esc(c.message)}` +
      (c.page ? ` <a href="${esc(href(c.page))}">${esc(w.see_rule)}${c.title ? `<span class="cqp-visually-hidden"> : ${esc(c.title)}</span>` : ""}</a>` : "") +
      ` <span class="cqp-source">(${esc(c.source)})</span></li>`;
  });
  // What the site cannot decide: the rule's title linked, and, when the checker says them, what
  // it asks and who decides (contract v1.2).
  const toPrepare = (v.to_prepare || []).map((r) => `<li><a href="${esc(href(r.page))}">${esc(r.title)}</a>` +
    (r.message ? `<br>${esc(r.message)}` : "") +
    (r.decided_by ? `<br><span class="cqp-decided-by">${esc(w.decided_by)} ${esc(r.decided_by)}</span>` : "") + `</li>`);
  return outcome(v.outcome) + (items.length ? `<h4>${esc(w.checks)}</h4>${list(items, "cqp-checks")}` : "") +
    (toPrepare.length ? `<h4>${esc(w.to_prepare)}</h4>${list(toPrepare, "cqp-to-prepare")}` : "");
}

function renderDeadlines(v) {
  const w = words();
  const d = v.display;
  const list_ = v.deadlines || [];
  if (!list_.length) return `<p class="cqp-outcome cqp-outcome--none"><strong>${esc(d.headline)}</strong></p>`;
  const heads = [w.date, w.deadline, w.counting, w.who, w.source];
  const rows = list_
    .map((x, i) => `<tr><td data-label="${esc(heads[0])}">${esc(d.rows[i].date)}</td>` +
      `<th scope="row" data-label="${esc(heads[1])}">${x.page ? `<a href="${esc(href(x.page))}">${esc(x.label)}</a>` : esc(x.label)}</th>` +
      `<td data-label="${esc(heads[2])}">${esc(x.counted_from || x.counting || "")}` +
      (d.rows[i].holidays ? `<br><span class="cqp-source">${esc(d.rows[i].holidays)}</span>` : "") +
      `</td><td data-label="${esc(heads[3])}">${esc(x.who || "")}</td><td class="cqp-source" data-label="${esc(heads[4])}">${esc(x.source)}</td></tr>`)
    .join("");
  return `<p class="cqp-outcome cqp-outcome--none"><strong>${esc(d.headline)}</strong></p>` +
    `<table class="cqp-result cqp-cards cqp-deadlines"><caption>${esc(w.deadlines_caption)}</caption><thead><tr>` +
    heads.map((h) => `<th scope="col">${esc(h)}</th>`).join("") + `</tr></thead><tbody>${rows}</tbody></table>` +
    `<p><button type="button" class="md-button" data-ics>${esc(w.ics)}</button></p>`;
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

// A reminder a few days before each deadline, as calendars show it (a choice of the site, not a
// rule; its words come with the verdict's display, as the trigger's three days say).
const REMINDER = "-P3D";

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
  const said = (verdict.display && verdict.display.rows) || [];
  for (const [i, d] of (verdict.deadlines || []).entries()) {
    const url = d.page ? new URL(href(d.page), site).href : null;
    lines.push("BEGIN:VEVENT", `UID:${d.id}-${compact(d.date)}-${who}@cqp-simulateur`, `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(d.date)}`, `DTEND;VALUE=DATE:${compact(next(d.date))}`,
      `SUMMARY:${icsText(d.label)}`,
      `DESCRIPTION:${icsText([d.counted_from, d.who, said[i] && said[i].source, url && said[i] ? `${said[i].explained} ${url}` : url]
        .filter(Boolean).join("\n"))}`,
      ...(url ? [`URL:${url}`] : []),
      "BEGIN:VALARM", "ACTION:DISPLAY", `TRIGGER:${REMINDER}`,
      `DESCRIPTION:${icsText(said[i] ? said[i].reminder : d.label)}`, "END:VALARM",
      "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}

// --- entry points ---

// The problems of a bad situation, as the checker words them (`display.items`: each with its
// path, kind and text, typeset), or, from a message the page or an older engine wrote, that message.
export function problemsOf(error) {
  const d = error && error.display;
  if (d && Array.isArray(d.items) && d.items.length) return d.items;
  const message = error && error.message !== undefined ? error.message : String(error);
  return [{ path: message.split(": ")[0], kind: null, text: message, short: message }];
}

// A problem as people read it next to its field.
export const problemText = (p) => p.text;

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
    const d = error.display || { state: "error", title: problems[0].text, intro: "" };
    const items = problems
      .map((p, i) => {
        const field = fieldOf(p.path);
        return `<li>${esc(p.short)}${field ? ` <a href="#${esc(field.id)}" class="cqp-goto" data-i="${i}">${esc(words().go_to_field)}` +
          `<span class="cqp-visually-hidden"> : ${esc(p.short)}</span></a>` : ""}</li>`;
      })
      .join("");
    // Answers not given yet are not a failure: « À compléter » is neutral, never red.
    const todo = d.state === "not_known";
    container.innerHTML = `<p class="cqp-outcome cqp-outcome--${todo ? "none" : "error"}">${mark(todo ? "none" : "ko")} <strong>${esc(d.title)}</strong></p>` +
      (d.intro ? `<p>${esc(d.intro)}</p>` : "") +
      (error.display ? `<ul class="cqp-error-message">${items}</ul>` : "");
    for (const a of container.querySelectorAll(".cqp-goto")) {
      a.addEventListener("click", (e) => {
        e.preventDefault();
        fieldOf(problems[Number(a.dataset.i)].path).focus();
      });
    }
    return;
  }
  const body = { score: renderScore, eligibility: renderEligibility, deadlines: renderDeadlines }[check](verdict);
  container.innerHTML = body + nextSteps(verdict) + explanations(verdict.display.notes) + references(verdict);
  const ics = container.querySelector("[data-ics]");
  if (ics) {
    ics.addEventListener("click", () => {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([icsOf(verdict, new Date(), situation)], { type: "text/calendar" }));
      a.download = words().ics_file;
      document.body.append(a);
      a.click();
      a.remove();
    });
  }
}

// What a screen reader says once a result is shown: the checker's summary.
export function summaryOf(check, verdict, error) {
  if (error) return error.display ? error.display.summary : problemsOf(error)[0].text;
  return verdict.display.summary;
}
