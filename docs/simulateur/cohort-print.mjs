// The two print views of a cohort: one « fiche de résultats indicative » per trainee, and the
// cohort laid out to prepare the evaluators' procès-verbal (a proposal per block or domain).
// Both are built into #cohort-print, which only the printed page shows (cohort.css).
import { longDate, today as todayIso } from "./parse.mjs";

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};

// The day of printing and the session typed in the page, which no verdict holds.
function today() {
  return longDate(todayIso());
}

function versionOf(verdict) {
  const v = verdict && (window.CQP.versions || {})[verdict.cqp];
  return v ? `référentiel du CQP ${v.title}, version ${v.version}` : "";
}

function stamp(verdict) {
  const version = versionOf(verdict);
  return `Établie le ${today()}${version ? `, d'après le ${version}` : ""}. Résultat indicatif : il ne remplace ni la ` +
    "proposition des évaluateurs ni la décision de l'instance qui délivre le CQP.";
}

function sheet(row, ids) {
  const v = row.verdict;
  const article = el("article", { className: "cqp-sheet" },
    el("h2", { textContent: `Fiche de résultats indicative — ${row.label || `ligne ${row.row}`}` }),
    el("p", { textContent: stamp(v) }),
    el("p", {}, el("strong", { textContent: row.status })));
  if (v && v.outcome && v.outcome.who) article.append(el("p", { textContent: v.outcome.who }));
  const figures = el("ul");
  for (const id of ids) if (row.parts[id]) figures.append(el("li", { textContent: `${id} : ${row.parts[id]}` }));
  const parts = v && (v.blocks || v.domains);
  for (const [id, part] of Object.entries(parts || {})) {
    const masteries = Object.entries(part.competences || {});
    if (masteries.length) {
      figures.append(el("li", { textContent: `${id}, maîtrise par compétence : ` +
        masteries.map(([c, m]) => `${c} ${Number(m).toLocaleString("fr-FR", { maximumFractionDigits: 2 })}\u202f%`).join(", ") }));
    }
  }
  if (figures.childElementCount) article.append(el("h3", { textContent: "Chiffres" }), figures);
  if (v && v.explanations && v.explanations.length) {
    article.append(el("h3", { textContent: "Règle appliquée à chaque décision" }),
      el("ul", {}, ...v.explanations.map((t) => el("li", { textContent: t }))));
  }
  if (v && v.references && v.references.length) {
    article.append(el("p", { className: "cqp-sheet-sources", textContent: "Sources : " +
      v.references.map((r) => `${r.title} (${r.source})`).join(" ; ") }));
  }
  if (row.needed.length) article.append(el("h3", { textContent: "Ce qu'il faut encore" }), el("p", { textContent: row.needed.join(" ; ") }));
  // A row with problems is data to correct: its status (the checker's words) heads them.
  if (row.problems.length) article.append(el("h3", { textContent: row.status }), el("p", { textContent: row.problems.join(" ; ") }));
  return article;
}

export function sheets(box, rows, ids) {
  box.replaceChildren(...rows.map((r) => sheet(r, ids)));
}

// info: {case: the case chosen in step 1 (check, CQP, route), organism, session: ISO date or "",
// words: {organism, session}, the page's names for them}.
export function pvPreparation(box, rows, ids, info) {
  const first = rows.find((r) => r.verdict);
  const v = first && first.verdict;
  const blank = "……………………………………";
  const head = el("tr", {}, ...["Candidat", ...ids, "Résultat", "Observations des évaluateurs", "Signatures"]
    .map((t) => el("th", { scope: "col", textContent: t })));
  // Each block's proposal in the checker's words (table_row's `proposals`).
  const body = rows.map((r) => el("tr", {}, el("th", { scope: "row", textContent: r.label || `ligne ${r.row}` }),
    ...ids.map((id) => el("td", { textContent: r.proposals[id] || r.proposal || "" })),
    el("td", { textContent: r.status }), el("td"), el("td")));
  const facts = el("dl", { className: "cqp-pv-facts" },
    el("dt", { textContent: "Certification et voie d'accès" }), el("dd", { textContent: info.case || blank }),
    el("dt", { textContent: info.words.organism }), el("dd", { textContent: info.organism || blank }),
    el("dt", { textContent: info.words.session }), el("dd", { textContent: info.session ? longDate(info.session) : blank }));
  const signatures = el("table", { className: "cqp-pv-signatures" },
    el("thead", {}, el("tr", {}, ...["", "Nom", "Qualité", "Signature"].map((t) => el("th", { scope: "col", textContent: t })))),
    el("tbody", {}, ...["Évaluateur 1", "Évaluateur 2", "Évaluateur 3"].map((who) =>
      el("tr", {}, el("th", { scope: "row", textContent: who }), el("td"), el("td"), el("td")))));
  box.replaceChildren(el("article", { className: "cqp-pv" },
    el("h2", { textContent: "Préparation du procès-verbal d'évaluation" }),
    facts,
    el("p", { textContent: stamp(v) }),
    v && v.outcome && v.outcome.who ? el("p", { textContent: v.outcome.who }) : null,
    el("p", { textContent: "Pour chaque candidat, la proposition par bloc ou par domaine que les résultats permettent ; " +
      "les évaluateurs la confirment ou la corrigent, puis signent." }),
    el("table", {}, el("thead", {}, head), el("tbody", {}, ...body)),
    el("p", { textContent: `Délibéré le : ${blank}    à : ${blank}` }),
    signatures));
}
