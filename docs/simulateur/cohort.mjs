// The cohort page (simulateur/cohorte/): a table of trainees evaluated in the browser by the
// simulator's worker (window.CQP.evaluateBatch, defined by overrides/simulateur/boot.html), in
// slices of rows so that the table fills in with a progress bar and the page stays responsive.
// Nothing is sent anywhere; the table is kept on this device only if the user asks.
import { CohortInputError, fromPaste, readFile, slices } from "./cohort-file.mjs";
import { appendRows, filtered, partIds, renderTable, rowsOf, toCsv, worded } from "./cohort-table.mjs";
import { pvPreparation, sheets } from "./cohort-print.mjs";
import { download } from "./download.mjs";
import { today } from "./parse.mjs";

const CQP = window.CQP;
const root = document.querySelector("[data-cqp-cohort]");
const $ = (selector) => root.querySelector(selector);
const STORAGE_KEY = "cqp-cohorte:v1";
const SLICE = 250; // rows per call to the worker: a progress step every few tenths of a second
const AHEAD = 2; // slices asked for before the page shows the one that came
// Rows put in the table per task: each task stays far under the 200 ms of a page that answers
// (issue 19), and the page paints and answers between two of them.
const CHUNK = 40;
// Rows the table shows at once, the next ones a button away: a browser lays out a table's every
// row again and again (about a millisecond a row, measured), so that 10,000 rows in the page
// were seconds of frozen page; the export and the prints still take every row.
const PAGE = 250;
// The page's own messages are typeset as written: \u00a0 is the non-breaking space French puts
// before « : » and inside « guillemets » (what the checker writes comes typeset).
const NBSP = "\u00a0";

const caseSelect = $("#cohort-case");
const status = $("#cohort-status");
const progress = $("#cohort-progress");
const results = $(".cqp-cohort-results");
const keep = $("#cohort-keep");
let current = null; // {check, caseIndex, text, results, rows, ids, name}
let runs = 0;

const selectedCase = () => caseSelect.selectedOptions[0];

// A file that cannot be read is said where the eye is: the focus moves to the message.
function say(text, kind = "") {
  status.textContent = text;
  status.dataset.kind = kind;
  if (kind === "error") {
    status.tabIndex = -1;
    status.focus({ preventScroll: true });
    status.scrollIntoView({ block: "center" });
  }
}

// The case chosen in step 1 fixes the CQP, route and subject: the file needs no column for them.
function fixedCase(option) {
  const fixed = {};
  for (const key of ["cqp", "route", "subject"]) if (option.dataset[key]) fixed[key] = option.dataset[key];
  return fixed;
}

// Each file or paste dealt with, read or refused (tests and the benchmark wait on it).
function finished() {
  root.dataset.done = String(Number(root.dataset.done || 0) + 1);
}

function chooseCase() {
  $("#cohort-template").href = selectedCase().dataset.template;
  $("#cohort-template").setAttribute("download", selectedCase().dataset.template.split("/").pop());
  // One block's template (results by blocks): links built from the build's list.
  let parts = [];
  try {
    parts = JSON.parse(selectedCase().dataset.parts || "[]");
  } catch { /* none */ }
  const box = $("#cohort-parts");
  box.hidden = parts.length === 0;
  box.querySelector("span").replaceChildren(...parts.flatMap((p, i) => {
    const link = Object.assign(document.createElement("a"), { href: p.href, textContent: p.label });
    link.setAttribute("download", p.href.split("/").pop());
    return i ? [", ", link] : [link];
  }));
}

async function run(text, name) {
  const run = ++runs;
  const check = selectedCase().dataset.check;
  const fixed = fixedCase(selectedCase());
  const parts = slices(text, SLICE);
  const total = parts.length;
  const all = [];
  const started = performance.now();
  root.dataset.pending = "1";
  $(".cqp-cohort-progress").hidden = false;
  progress.value = 0;
  say(CQP.status === "ready" ? `Calcul de ${name}…` : `Calcul de ${name} dès que le moteur de calcul sera prêt…`);
  let live = null; // the table as it fills in: {rows, ids, drawn}
  try {
    // notes: each row comes with its cells in words, and without what the table does not read.
    // The slices are shared between the simulator's engine and this page's second one (when it
    // is ready), each given the next slice as soon as it has fewer than AHEAD under way.
    const answers = share(parts, { check, notes: true, trace: false, ...fixed }, () => run !== runs);
    for (let i = 0; i < total; i++) {
      const rows = await answers[i];
      answers[i] = null;
      if (run !== runs) return; // another file was given meanwhile
      for (const row of rows) all.push(row);
      progress.value = (i + 1) / total;
      const n = all.length.toLocaleString("fr-FR");
      say(`Calcul de ${name}${NBSP}: ${n} ligne${all.length > 1 ? "s" : ""} calculée${all.length > 1 ? "s" : ""}…`);
      live = grow(live, rowsOf(rows), check);
      // The next slice may have come meanwhile (two engines): it is taken in a task of its own,
      // so that the page paints and answers between two slices.
      await yieldTask();
    }
    if (live) await live.drawn; // the last rows in the table, a chunk per task
    if (run !== runs) return;
  } catch (err) {
    if (run !== runs) return;
    // A table was filling in (this file's, or one given just before): the table of before comes back.
    if (live !== null || results.getAttribute("aria-busy") === "true") restoreTable();
    say(`${name} n'a pas pu être lu${NBSP}: ${err.message}`, "error");
    root.dataset.pending = "0";
    $(".cqp-cohort-progress").hidden = true;
    finished();
    return;
  }
  current = { check, caseIndex: caseSelect.value, text, results: all, name, fixed };
  root.dataset.pending = "0"; // every row is there: the pages of the table may be turned
  await show(live);
  root.dataset.ms = String(Math.round(performance.now() - started));
  $(".cqp-cohort-progress").hidden = true;
  store();
  finished();
}

// --- two engines for one table -----------------------------------------------------------
//
// The cohort page starts a second engine of its own once the simulator's is ready (the
// simulator's page never does): the same worker, booted beside it, so that a file's slices are
// computed on two cores (phones and computers have two at least). It is a help, never a need:
// until it is ready, or if it fails, stops answering or dies, its slices go to the simulator's
// engine (CQP.evaluateBatch, which boot.js watches and restarts), and it is not started again.
const helper = { worker: null, ready: false, dead: false, next: 0, pending: new Map(), wake: new Set() };
const HELPER_MS = 4 * (typeof window.__cqpRequestMs === "number" ? window.__cqpRequestMs : 20000);
// What a slice lost with the second engine is rejected with: the slice goes to the first.
class HelperLost extends Error {}

function startHelper() {
  // The simulator's engine fetches and imports the cohorts' modules now, not with the first file.
  if (!helper.warmed) {
    helper.warmed = true;
    CQP.evaluateBatch("score", "candidat\n", { trace: false, notes: true }).catch(() => {});
  }
  if (helper.worker || helper.dead || (navigator.hardwareConcurrency || 1) < 2 ||
      (navigator.deviceMemory && navigator.deviceMemory < 2)) return;
  try {
    const config = JSON.parse(document.getElementById("cqp-config").textContent);
    helper.worker = new Worker(new URL(config.worker, document.baseURI), { type: "module" });
  } catch {
    helper.dead = true;
    return;
  }
  root.dataset.helper = "starting"; // the benchmark and tests wait on it
  helper.worker.onmessage = (event) => {
    const m = event.data;
    if (!m || typeof m !== "object") return;
    if (m.type === "ready") {
      // The cohorts' modules fetched and imported now, not with the first slice it is given.
      ask(helper, { check: "score", csv: "candidat\n", notes: true }).catch(() => {});
      helper.ready = true;
      root.dataset.helper = "ready";
      for (const wake of helper.wake) wake();
    } else if (m.type === "failed" || (m.id === null && "error" in m)) {
      dropHelper();
    } else if (helper.pending.has(m.id)) {
      const p = helper.pending.get(m.id);
      helper.pending.delete(m.id);
      clearTimeout(p.timer);
      if ("error" in m) p.reject(new Error(m.error));
      else p.resolve(m.verdict);
    }
  };
  helper.worker.onerror = (event) => {
    event.preventDefault();
    dropHelper();
  };
}

function dropHelper() {
  helper.dead = true;
  if (root.dataset.helper) root.dataset.helper = "gone";
  helper.ready = false;
  if (helper.worker) helper.worker.terminate();
  helper.worker = null;
  const lost = [...helper.pending.values()];
  helper.pending.clear();
  for (const p of lost) {
    clearTimeout(p.timer);
    p.reject(new HelperLost());
  }
}

function ask(engine, message) {
  return new Promise((resolve, reject) => {
    if (!engine.worker) {
      reject(new HelperLost());
      return;
    }
    const id = ++engine.next;
    const timer = setTimeout(dropHelper, HELPER_MS); // a slice not answered in time: the engine is let go
    engine.pending.set(id, { resolve, reject, timer });
    engine.worker.postMessage({ id, ...message });
  });
}

// One promise per slice, in the file's order: each slice is given to whichever engine has the
// fewer slices under way (AHEAD at most each, the simulator's first on a tie); stale() tells that
// another file was given meanwhile (nothing more is asked then).
function share(parts, options, stale) {
  const { check, trace, notes, ...fixed } = options;
  const settle = [];
  const answers = parts.map(() => new Promise((resolve, reject) => settle.push({ resolve, reject })));
  for (const answer of answers) answer.catch(() => {}); // one not awaited any more is no error
  const busy = { main: 0, helper: 0 };
  let next = 0;
  const first = (i) => CQP.evaluateBatch(check, parts[i], options);
  const pump = () => {
    while (next < parts.length && !stale()) {
      const second = helper.ready && busy.helper < AHEAD && busy.helper < busy.main;
      if (!second && busy.main >= AHEAD) break;
      const i = next++;
      const engine = second ? "helper" : "main";
      busy[engine] += 1;
      const answer = second ? ask(helper, { check, csv: parts[i], notes, lean: trace === false, fixed })
        .then((rows) => {
          root.dataset.helped = String(Number(root.dataset.helped || 0) + 1); // slices it computed (tests)
          return rows;
        }, (err) => (err instanceof HelperLost ? first(i) : Promise.reject(err))) : first(i);
      answer.then(settle[i].resolve, settle[i].reject).finally(() => {
        busy[engine] -= 1;
        pump();
      });
    }
    if (next >= parts.length || stale()) helper.wake.delete(pump);
  };
  helper.wake.add(pump);
  pump();
  return answers;
}

// Each slice's rows go into the table as soon as they are computed, while the worker computes
// the next slice, a chunk of rows per task (fill), until the table's first page is full. Only
// in the table's first order (every row, by line); another order or a new column waits for
// the end (show).
function grow(live, rows, check) {
  if (live === false || $("#cohort-filter").value !== "all" || $("#cohort-sort").value !== "row") return false;
  const all = live ? live.rows.concat(rows) : rows;
  // The columns of every row so far: the table's, unless this slice brings one (read in the
  // slice alone, not again in every row before it).
  const ids = live ? live.ids : partIds(all);
  if (live && partIds(rows).some((id) => !ids.includes(id))) return false;
  const table = $(".cqp-cohort-table");
  if (!live) {
    page = 0;
    renderTable(table, [], ids, check);
    $(".cqp-cohort-summary").textContent = "";
    results.hidden = false;
    setBusy(true);
    live = { rows: [], ids, drawn: Promise.resolve(), token: ++drawing };
  }
  const tbody = table.tBodies[0];
  const { token } = live;
  const more = all.slice(live.rows.length, Math.max(live.rows.length, PAGE)); // what page 1 still lacks
  pages(all.length);
  return { rows: all, ids, token, drawn: live.drawn.then(() => fill(tbody, more, ids, check, token)) };
}

// Rows appended to the table a chunk per task (the page paints and answers between two); a
// newer drawing of the table (another file, filter, order or page) stops this one.
let drawing = 0;
let page = 0; // the page of the table shown, from 0
const pause = () => new Promise((resolve) => setTimeout(resolve, 0));
// A new task, without setTimeout's minimum delay where the browser offers it.
const yieldTask = () => (globalThis.scheduler && typeof scheduler.yield === "function" ? scheduler.yield() : pause());
async function fill(tbody, rows, ids, check, token) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    if (i > 0) await pause();
    if (token !== drawing) return false;
    appendRows(tbody, rows.slice(i, i + CHUNK), ids, check);
  }
  return token === drawing;
}

// Below the table: which rows it shows, and the buttons to the rows before and after
// (created once, here: the page's own words).
function pages(total) {
  let nav = root.querySelector(".cqp-cohort-pages");
  if (!nav) {
    nav = Object.assign(document.createElement("nav"), { className: "cqp-cohort-pages" });
    nav.setAttribute("aria-label", "Pages du tableau");
    const button = (text, step) => {
      const b = Object.assign(document.createElement("button"), { type: "button", className: "md-button", textContent: text });
      b.dataset.step = String(step);
      b.addEventListener("click", () => {
        page += step;
        draw();
      });
      return b;
    };
    const where = Object.assign(document.createElement("p"), { className: "cqp-cohort-where" });
    where.setAttribute("aria-live", "polite");
    nav.append(button("Lignes précédentes", -1), where, button("Lignes suivantes", 1));
    $(".cqp-cohort-table").parentElement.after(nav);
  }
  const last = Math.max(0, Math.ceil(total / PAGE) - 1);
  page = Math.min(page, last);
  nav.hidden = total <= PAGE;
  const first = page * PAGE + 1;
  const end = Math.min(total, (page + 1) * PAGE);
  const n = (x) => x.toLocaleString("fr-FR");
  nav.querySelector(".cqp-cohort-where").textContent = `Lignes ${n(first)} à ${n(end)} sur ${n(total)}`;
  const [previous, next] = nav.querySelectorAll("button");
  const busy = root.dataset.pending === "1"; // a file filling in: its rows are not all there
  previous.disabled = busy || page === 0;
  next.disabled = busy || page >= last;
}

// While a table fills in, its filter, order, export and prints wait (they act on a whole table).
function setBusy(busy) {
  results.setAttribute("aria-busy", String(busy));
  for (const control of results.querySelectorAll("select, button")) control.disabled = busy;
}

function restoreTable() {
  setBusy(false);
  if (current) show();
  else results.hidden = true;
}

async function show(live = null) {
  current.rows = live ? live.rows : rowsOf(current.results);
  current.ids = partIds(current.rows);
  const count = (kind) => current.rows.filter((r) => r.kind === kind).length;
  const n = current.rows.length;
  const summary = n === 0 ? "Le tableau ne contient aucune ligne de stagiaire, seulement son en-tête."
    : `${n.toLocaleString("fr-FR")} ligne${n > 1 ? "s" : ""}${NBSP}: ${count("positive")} favorable${count("positive") > 1 ? "s" : ""}, ` +
      `${count("negative")} défavorable${count("negative") > 1 ? "s" : ""}, ${count("neutral")} incomplète${count("neutral") > 1 ? "s" : ""}, ` +
      `${count("errors")} à corriger.`;
  $(".cqp-cohort-summary").textContent = summary;
  say(`${current.name}${NBSP}: ${summary}`, count("errors") ? "warning" : "");
  results.hidden = false;
  // The table built slice after slice is already the whole table in its first order.
  const complete = live && live.ids.join("\n") === current.ids.join("\n") &&
    $("#cohort-filter").value === "all" && $("#cohort-sort").value === "row";
  if (!complete) await draw();
  setBusy(false);
  pages(complete ? n : view().length);
}

// The rows of the table as filtered and ordered now.
function view() {
  return filtered(current.rows, $("#cohort-filter").value, $("#cohort-sort").value);
}

// The table drawn again (filter, order, page, a table restored), a chunk of rows per task.
async function draw(event) {
  if (event) page = 0; // another filter or order starts at its first rows
  const token = ++drawing;
  const table = $(".cqp-cohort-table");
  renderTable(table, [], current.ids, current.check);
  results.setAttribute("aria-busy", "true");
  const rows = view();
  pages(rows.length);
  const done = await fill(table.tBodies[0], rows.slice(page * PAGE, (page + 1) * PAGE), current.ids, current.check, token);
  if (done) results.setAttribute("aria-busy", "false");
  return done;
}

function store() {
  try {
    if (keep.checked && current) {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, caseIndex: current.caseIndex, check: current.check,
        template: selectedCase().dataset.template, text: current.text,
        name: current.name, results: current.results }));
    } else {
      localStorage.removeItem(STORAGE_KEY);
    }
  } catch {
    say("Ce navigateur n'a pas pu garder le tableau (espace de stockage plein ou navigation privée).", "warning");
  }
}

// A table kept on this device is checked before use: one this version of the page cannot show
// (another case list, another shape) is set aside with a note, never a page that stops working.
async function restore() {
  let raw = null;
  try {
    raw = localStorage.getItem(STORAGE_KEY);
  } catch {
    return;
  }
  if (raw === null) return;
  let data = null;
  try {
    data = JSON.parse(raw);
  } catch {
    data = null;
  }
  const option = data && typeof data.caseIndex === "string" ? caseSelect.querySelector(`option[value="${CSS.escape(data.caseIndex)}"]`) : null;
  const usable = data && data.version === 1 && option && option.dataset.check === data.check &&
    option.dataset.template === data.template && typeof data.text === "string" &&
    typeof data.name === "string" && Array.isArray(data.results) &&
    data.results.every((r) => r && typeof r === "object" && Number.isInteger(r.row) &&
      ((r.verdict && typeof r.verdict === "object") || Array.isArray(r.errors)) && worded(r));
  if (!usable) {
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch { /* nothing kept then */ }
    say(`Le tableau gardé sur cet appareil venait d'une version précédente de cette page et n'a pas pu être relu${NBSP}: ` +
      "il a été écarté. Déposez de nouveau votre fichier.", "warning");
    return;
  }
  keep.checked = true;
  caseSelect.value = data.caseIndex;
  chooseCase();
  current = { check: data.check, caseIndex: data.caseIndex, text: data.text, results: data.results, name: data.name,
    fixed: fixedCase(option) };
  try {
    await show();
  } catch {
    current = null;
    results.hidden = true;
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch { /* nothing kept then */ }
    say(`Le tableau gardé sur cet appareil n'a pas pu être relu${NBSP}: il a été écarté. Déposez de nouveau votre fichier.`, "warning");
    return;
  }
  say(`Tableau gardé sur cet appareil${NBSP}: ${data.name}. Décochez la case pour l'effacer.`);
}

async function fromFile(file) {
  if (!file) return;
  try {
    const text = await readFile(file);
    await run(text, `«${NBSP}${file.name}${NBSP}»`);
  } catch (err) {
    if (!(err instanceof CohortInputError)) throw err;
    say(err.message, "error");
    finished();
  }
}

// The printed sheets say each decision's rule and sources: the table's verdicts leave them
// out (half of a row's time), so the whole verdicts are asked for once, when sheets are printed.
async function wholeVerdicts() {
  if (!current.whole) {
    const rows = await CQP.evaluateBatch(current.check, current.text, { trace: false, ...current.fixed });
    current.whole = new Map(rows.filter((r) => r.verdict).map((r) => [r.row, r.verdict]));
  }
  return current.whole;
}

async function print(kind) {
  const rows = view();
  const box = $("#cohort-print");
  if (kind === "sheets") {
    let whole = new Map();
    try {
      whole = await wholeVerdicts();
    } catch { /* the sheets without their rules' sentences: the table's words are there */ }
    sheets(box, rows.map((r) => (whole.has(r.row) ? { ...r, verdict: whole.get(r.row) } : r)), current.ids);
  } else {
    pvPreparation(box, rows, current.ids, { case: selectedCase().textContent, organism: $("#cohort-organism").value.trim(),
      session: $("#cohort-session").value,
      words: { organism: $("#cohort-organism").dataset.fact, session: $("#cohort-session").dataset.fact } });
  }
  document.documentElement.dataset.cqpPrint = kind;
  window.print();
}
window.addEventListener("afterprint", () => delete document.documentElement.dataset.cqpPrint);

// After a restart (boot.js: the worker stopped answering), the status says so.
let restarted = false;
function engine(state, reason = "") {
  const box = $(".cqp-engine");
  box.dataset.engine = state;
  $(".cqp-engine-failed").hidden = state !== "failed";
  $(".cqp-engine-loading").hidden = state === "failed";
  if (state === "ready") {
    $(".cqp-engine-loading").textContent = restarted
      ? `Le moteur de calcul ne répondait plus${NBSP}: il a été redémarré et il est de nouveau prêt. Votre tableau est conservé.`
      : "Moteur de calcul prêt, dans votre navigateur.";
  }
  if (state === "loading" && restarted) {
    $(".cqp-engine-loading").textContent =
      `Le moteur de calcul ne répondait plus${NBSP}: il redémarre dans votre navigateur. Votre tableau est conservé${NBSP}; le calcul reprendra…`;
  }
  if (state === "failed") $(".cqp-engine-reason").textContent = `(${reason})`;
}

function start() {
  caseSelect.addEventListener("change", chooseCase);
  chooseCase();
  $("#cohort-file").addEventListener("change", (e) => {
    fromFile(e.target.files[0]);
    e.target.value = "";
  });
  const drop = $("[data-drop]");
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.dataset.over = "true";
  });
  drop.addEventListener("dragleave", () => delete drop.dataset.over);
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    delete drop.dataset.over;
    fromFile(e.dataTransfer.files[0]);
  });
  root.querySelector('[data-action="paste"]').addEventListener("click", () => {
    try {
      run(fromPaste($("#cohort-paste").value), "les cellules collées");
    } catch (err) {
      if (!(err instanceof CohortInputError)) throw err;
      say(err.message, "error");
      finished();
    }
  });
  keep.addEventListener("change", store);
  $("#cohort-filter").addEventListener("change", draw);
  $("#cohort-sort").addEventListener("change", draw);
  root.querySelector('[data-action="export"]').addEventListener("click", () => {
    const day = today();
    download(`resultats-${selectedCase().dataset.template.split("/").pop().replace(/^modele-|\.csv$/g, "")}-${day}.csv`,
      "text/csv;charset=utf-8", toCsv(view(), current.ids, current.check));
  });
  root.querySelector('[data-action="print-sheets"]').addEventListener("click", () => print("sheets"));
  root.querySelector('[data-action="print-pv"]').addEventListener("click", () => print("pv"));
  root.querySelector('[data-action="retry"]').addEventListener("click", () => {
    restarted = false;
    engine("loading");
    CQP.retry();
  });
  document.addEventListener("cqp:ready", () => {
    engine("ready");
    startHelper();
  });
  document.addEventListener("cqp:failed", (e) => engine("failed", e.detail.message));
  document.addEventListener("cqp:restarting", () => {
    restarted = true;
    engine("loading");
  });
  if (CQP.status === "ready") engine("ready");
  // The second engine boots once the first is ready (it never slows the first one's start).
  if (CQP.status === "ready") startHelper();
  else if (CQP.status === "failed") engine("failed", CQP.error);
  restore();
  root.dataset.wired = "true";
}

start();
