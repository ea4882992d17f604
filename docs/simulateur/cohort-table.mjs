// A cohort's results (the array of checker.evaluate_batch) as rows people read: the status in
// words (the verdict's outcome), each block or domain, what is still needed, each row's
// problems by line and column. The same rows feed the table, the CSV export and the print views.

import { mark } from "./marks.mjs";
import { frenchText } from "./typography.mjs";

const number = (n) => Number(n).toLocaleString("fr-FR", { maximumFractionDigits: 2 });
const pct = (n) => `${number(n)}\u202f%`;

// « lundi 1er février 2027 »: the weekday always, the first of the month as French writes it.
export function frenchDate(iso) {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const part = (options) => date.toLocaleDateString("fr-FR", { ...options, timeZone: "UTC" });
  return `${part({ weekday: "long" })} ${d === 1 ? "1er" : d} ${part({ month: "long" })} ${y}`;
}

function partsOf(verdict) {
  return verdict.domains || verdict.blocks || null;
}

// One block or domain in words; `note` is the checker's (part_notes): out of reach is its own state.
function partText(part, note) {
  if (note && note.out_of_reach) return "hors d'atteinte";
  if (part.carried_over) {
    return part.validated ? `validé antérieurement, valable jusqu'au ${frenchDate(part.valid_until)}`
      : `validé antérieurement, bénéfice expiré le ${frenchDate(part.valid_until)}`;
  }
  if (!part.evaluated) return "pas encore évalué";
  if (part.complete === false) return "incomplet";
  const figure = part.rate !== undefined ? ` (${pct(part.rate)})` : part.average !== null && part.average !== undefined
    ? ` (moyenne ${pct(part.average)})` : "";
  return (part.validated ? "validé" : "non validé") + figure;
}

// What is still needed for a part not validated, or why it is not (the checker's note: the
// competence under its minimum, with both figures), or "".
function neededText(id, part, note) {
  if (part.validated) return "";
  if (note) {
    const more = part.needed && part.needed.uniform !== null && !note.out_of_reach
      ? ` ; au moins ${pct(part.needed.uniform)} à chaque résultat manquant` : "";
    return `${id} : ${note.why}${more}`;
  }
  if (part.needed) {
    return part.needed.uniform === null
      ? `${id} : hors d'atteinte, quels que soient les résultats manquants`
      : `${id} : au moins ${pct(part.needed.uniform)} à chaque résultat manquant`;
  }
  if (part.evaluated && part.needed_positive !== undefined && part.needed_positive !== null) {
    return `${id} : ${part.needed_positive} indicateurs positifs sur ${part.total}`;
  }
  return "";
}

// A problem of a row, with its line, the spreadsheet's column letters and the value as typed
// (the checker places each error in its cell; its message names the field in words).
function problemText(row, error) {
  const value = error.value === undefined || error.value === null ? ""
    : error.value === "" ? " (cellule vide)" : ` (« ${error.value} »)`;
  const where = error.column ? `, colonne ${error.column}${value}` : "";
  return `ligne ${row}${where} : ${error.message || error.expected}`;
}

// {row, label, kind, status, parts: {id: text}, needed, problems, verdict}
// kind: positive | negative | neutral | errors (the outcome's status, or data to correct).
export function rowsOf(results) {
  return results.map((r) => {
    const base = { row: r.row, label: r.label || "", parts: {}, needed: [], problems: [], verdict: r.verdict || null };
    if (!r.verdict) {
      return { ...base, kind: "errors", status: "Données à corriger",
        problems: r.errors.map((e) => problemText(r.row, e)) };
    }
    const v = r.verdict;
    const row = { ...base, kind: v.outcome ? v.outcome.status : "neutral", status: v.outcome ? v.outcome.title : "" };
    const parts = partsOf(v);
    if (parts) {
      for (const [id, part] of Object.entries(parts)) {
        const note = (r.notes || {})[id];
        row.parts[id] = partText(part, note);
        const needed = neededText(id, part, note);
        if (needed) row.needed.push(needed);
        if (note && note.out_of_reach) row.outOfReach = true;
        else if (part.complete === false || !part.evaluated && !part.carried_over) row.incomplete = true;
      }
    }
    if (v.checks) row.needed = v.checks.filter((c) => !c.ok).map((c) => c.title || c.message);
    if (v.deadlines) {
      row.status = v.deadlines.length ? `${v.deadlines.length} échéance${v.deadlines.length > 1 ? "s" : ""}` : "aucune échéance";
      for (const d of v.deadlines) row.parts[d.label] = frenchDate(d.date);
    }
    if (row.kind === "neutral") row.incomplete = true;
    return row;
  });
}

export function partIds(rows) {
  const ids = [];
  for (const r of rows) for (const id of Object.keys(r.parts)) if (!ids.includes(id)) ids.push(id);
  return ids;
}

export function filtered(rows, filter, sort) {
  const keep = {
    all: () => true,
    failed: (r) => r.kind === "negative" || r.outOfReach,
    incomplete: (r) => r.incomplete,
    errors: (r) => r.kind === "errors",
  }[filter] || (() => true);
  const order = Object.fromEntries(["errors", "negative", "neutral", "positive"].map((k, i) => [k, i]));
  const by = {
    row: (a, b) => a.row - b.row,
    label: (a, b) => a.label.localeCompare(b.label, "fr") || a.row - b.row,
    status: (a, b) => order[a.kind] - order[b.kind] || a.row - b.row,
  }[sort] || ((a, b) => a.row - b.row);
  return rows.filter(keep).sort(by);
}

export function headings(ids, check) {
  const what = check === "eligibility" ? "Conditions non remplies" : "Ce qu'il faut encore";
  return ["Ligne", "Candidat", "Résultat", ...ids, ...(check === "deadlines" ? [] : [what]), "Problèmes"];
}

export function cells(row, ids, check) {
  return [String(row.row), row.label, row.status, ...ids.map((id) => row.parts[id] || ""),
    ...(check === "deadlines" ? [] : [row.needed.join(" ; ")]), row.problems.join(" ; ")];
}

// The status is said in words; its mark, the simulator's, only helps the eye. Data to correct
// has its own neutral mark (a pencil), never the cross of a failure.
const MARKS = { positive: "ok", negative: "ko", neutral: "none", errors: "fix" };

export function renderTable(table, rows, ids, check) {
  const head = headings(ids, check);
  const thead = document.createElement("thead");
  const tr = document.createElement("tr");
  for (const h of head) tr.append(Object.assign(document.createElement("th"), { scope: "col", textContent: h }));
  thead.append(tr);
  const tbody = document.createElement("tbody");
  appendRows(tbody, rows, ids, check);
  const caption = Object.assign(document.createElement("caption"), {
    className: "cqp-visually-hidden", textContent: "Résultats par stagiaire, une ligne par ligne du fichier" });
  table.replaceChildren(caption, thead, tbody);
}

// More rows at the end of a table renderTable made with the same ids (the cohort page fills
// its table slice after slice while the worker computes the next one).
export function appendRows(tbody, rows, ids, check) {
  const head = headings(ids, check);
  const lines = document.createDocumentFragment();
  for (const row of rows) {
    const line = document.createElement("tr");
    line.dataset.kind = row.kind;
    const lists = { [head.length - 1]: row.problems, [head.length - 2]: check === "deadlines" ? null : row.needed };
    cells(row, ids, check).forEach((text, i) => {
      const cell = document.createElement(i === 1 ? "th" : "td");
      if (i === 1) cell.scope = "row";
      if (i === 2) cell.className = "cqp-cohort-status-cell";
      cell.dataset.label = head[i]; // the heading, shown before the cell on a phone (cohort.css)
      if (lists[i] && lists[i].length > 1) {
        const ul = document.createElement("ul");
        for (const item of lists[i]) ul.append(Object.assign(document.createElement("li"), { textContent: frenchText(item) }));
        cell.append(ul);
      } else {
        cell.textContent = frenchText(text);
      }
      if (i === 2 && MARKS[row.kind]) cell.insertAdjacentHTML("afterbegin", `${mark(MARKS[row.kind])} `);
      if (!text) cell.dataset.empty = "true";
      line.append(cell);
    });
    lines.append(line);
  }
  tbody.append(lines);
}

// A cell a spreadsheet would read as a formula starts with ' (shown as typed).
export function neutral(cell) {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

// The figures of a score verdict as numbers, for columns a spreadsheet sorts: each block's or
// domain's average (or rate), then each competence's mastery. [[heading, value or ""]].
function figures(rows, ids) {
  const competences = [];
  for (const r of rows) {
    const parts = r.verdict && (r.verdict.blocks || r.verdict.domains);
    for (const part of Object.values(parts || {})) {
      for (const c of Object.keys(part.competences || {})) if (!competences.includes(c)) competences.push(c);
    }
  }
  const domains = rows.some((r) => r.verdict && r.verdict.domains);
  const headings = [...ids.map((id) => `${id} — ${domains ? "taux" : "moyenne"} (%)`),
    ...competences.map((c) => `${c} — maîtrise (%)`)];
  const values = (r) => {
    const parts = (r.verdict && (r.verdict.blocks || r.verdict.domains)) || {};
    const all = Object.assign({}, ...Object.values(parts).map((p) => p.competences || {}));
    const figure = (x) => (x === null || x === undefined ? "" : String(x).replace(".", ","));
    return [...ids.map((id) => figure(parts[id] && (parts[id].rate !== undefined ? parts[id].rate : parts[id].average))),
      ...competences.map((c) => figure(all[c]))];
  };
  return { headings, values };
}

// The table as a CSV for French spreadsheets: `;`, UTF-8 with a byte order mark, CRLF. For
// results, the figures follow the words in columns of their own, as numbers (decimal comma).
export function toCsv(rows, ids, check) {
  const quote = (c) => (/[;"\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const numbers = check === "score" ? figures(rows, ids) : { headings: [], values: () => [] };
  const lines = [[...headings(ids, check), ...numbers.headings],
    ...rows.map((r) => [...cells(r, ids, check).map((c) => neutral(String(c))), ...numbers.values(r)])]
    .map((line) => line.map((c) => quote(String(c))).join(";"));
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}
