// A cohort's results (the array of checker.evaluate_batch, each row with its cells in words:
// checker.cohort.table_row) as the table's rows: the status, each block or domain, what is
// still needed, each row's problems by line and column. The same rows feed the table, the CSV
// export and the print views; no word of them is written here.

import { mark } from "./marks.mjs";

// {row, label, kind, status, parts: {id: text}, needed, problems, proposals, verdict,
// outOfReach, incomplete}: every word written and typeset by the checker
// (checker.cohort.table_row, the worker's `table` of each row); kind: positive | negative |
// neutral | errors (the outcome's status, or data to correct).
export function rowsOf(results) {
  return results.map((r) => {
    const t = r.table;
    return { row: r.row, label: r.label || "", kind: t.kind, status: t.status, parts: t.parts, needed: t.needed,
      problems: t.problems, proposals: t.proposals, proposal: t.proposal || "", verdict: r.verdict || null, outOfReach: t.out_of_reach,
      incomplete: t.incomplete };
  });
}

// Whether a result came with its words (a table kept by an earlier version of the page did not).
export function worded(result) {
  const t = result && result.table;
  return !!t && typeof t === "object" && typeof t.kind === "string" && typeof t.status === "string" &&
    t.parts && typeof t.parts === "object" && Array.isArray(t.needed) && Array.isArray(t.problems) &&
    t.proposals && typeof t.proposals === "object";
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
        for (const item of lists[i]) ul.append(Object.assign(document.createElement("li"), { textContent: item }));
        cell.append(ul);
      } else {
        cell.textContent = text;
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
