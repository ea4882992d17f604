// The simulator's page script: tabs, autosave, share links, import/export, evaluation,
// engine status. Python runs in the worker that docs/simulateur/boot.js started;
// window.CQP is defined there. Forms ⇄ situations: form.mjs; verdicts: verdict.mjs.
//
// What comes from outside (a share link, a file, the browser's storage) is read as JSON text and
// checked completely — size, depth, own keys only, a known tool — before it touches a form or the
// storage; anything else is refused with a French sentence, the form left as it was.
import {
  MAX_BYTES, applyFields, clear, collect, fill, getIn, isRecord, parseJSON, pathOf, problemOf, sameJSON, setIn,
  showWeekdays, shown, switches, updateVisibility,
} from "./form.mjs";
import { download } from "./download.mjs";
import { today } from "./parse.mjs";

// What shows a result — its rendering (verdict.mjs) and, on the full page, the printed recap and
// the bar that leads to it (named by the page's template, data-cqp-later; an embed has neither)
// — is imported with the first result: no result can come before Python is ready, and fetched
// earlier these modules would only compete with Pyodide's download.
let rendering = null;
let shows = null; // verdict.mjs, once imported
function results() {
  const tag = document.querySelector("script[data-cqp-later]");
  const later = tag ? tag.dataset.cqpLater.split(" ").filter(Boolean) : [];
  rendering ??= Promise.all([import("./verdict.mjs"), ...later.map((src) => import(new URL(src, tag.src).href))])
    .then(([module]) => (shows = module), (err) => {
      rendering = null; // asked again with the next result
      throw err;
    });
  return rendering;
}

const root = document.querySelector("[data-cqp-sim]");
const CQP = window.CQP;
const STORAGE_KEY = CQP.storageKey; // versioned: a new format gets a new key
const ASIDE_KEY = `${STORAGE_KEY}:mis-de-cote`; // a stored value that could not be used

const own = (obj, key) => (isRecord(obj) && Object.hasOwn(obj, key) ? obj[key] : undefined);

const tools = new Map(); // check -> {check, panel, form, seq, override, lastSituation}
for (const panel of root.querySelectorAll(".cqp-panel")) {
  const check = panel.dataset.check;
  tools.set(check, { check, panel, form: panel.querySelector("form"), seq: 0, override: null });
}
let active = "eligibility";

// --- storage ---

// Levels of the stored object around a situation, and how much base64 lengthens a text: layout,
// not rules.
const STORE_WRAPPING = "{tools: {score: {situation}}}".split("{").length - 1;
const BASE64_GROWTH = 4 / (2 + 1);

// The stored value, checked; what cannot be used is returned as `aside` (the raw text).
function readStore() {
  let raw;
  try {
    raw = localStorage.getItem(STORAGE_KEY);
  } catch {
    return { data: null }; // storage disabled
  }
  if (raw === null) return { data: null };
  const { value, problem } = parseJSON(raw, STORE_WRAPPING); // {tools: {score: {situation: …}}}
  if (problem || !isRecord(value) || own(value, "version") !== 1) return { data: null, aside: raw };
  const data = { active: null, tools: new Map() };
  let bad = false;
  const activeStored = own(value, "active");
  if (tools.has(activeStored)) data.active = activeStored;
  else if (activeStored !== undefined) bad = true;
  const stored = own(value, "tools") ?? {};
  if (!isRecord(stored)) bad = true;
  else {
    for (const check of Object.keys(stored)) {
      const entry = stored[check];
      const situation = own(entry, "situation") ?? {};
      const saved = own(entry, "switches") ?? {};
      const ok = tools.has(check) && isRecord(entry) && isRecord(situation) && !problemOf(situation) &&
        isRecord(saved) && Object.values(saved).every((v) => typeof v === "string");
      if (!ok) {
        bad = true;
        continue;
      }
      const switchesSaved = new Map(Object.entries(saved));
      data.tools.set(check, { situation, switchesSaved });
    }
  }
  return { data, aside: bad ? raw : null };
}

// Kept (not erased) so that it can be exported; never replayed.
let asideText = null;
function setAside(raw) {
  asideText = raw;
  try {
    localStorage.removeItem(STORAGE_KEY);
    localStorage.setItem(ASIDE_KEY, raw);
  } catch {
    try {
      localStorage.setItem(STORAGE_KEY, raw); // no room: left where it was, checked at each load
    } catch {
      /* storage disabled */
    }
  }
}

function showAside() {
  if (asideText === null) {
    try {
      asideText = localStorage.getItem(ASIDE_KEY);
    } catch {
      /* storage disabled */
    }
  }
  let box = root.querySelector(".cqp-aside");
  if (asideText === null) {
    if (box) box.remove();
    return;
  }
  if (box) return;
  box = Object.assign(document.createElement("div"), { className: "cqp-aside" });
  box.innerHTML =
    "<p>Une saisie enregistrée dans ce navigateur a été <strong>mise de côté</strong> : elle " +
    "était illisible ou incomplète, ou vous avez commencé une autre saisie pendant le chargement " +
    "de la page. Vous pouvez l'exporter pour la garder, ou la supprimer.</p><p class=\"cqp-aside-actions\">" +
    '<button type="button" class="md-button" data-aside="export">Exporter la saisie mise de côté</button> ' +
    '<button type="button" class="md-button" data-aside="delete">Supprimer la saisie mise de côté</button></p>';
  box.addEventListener("click", (e) => {
    const button = e.target.closest("button[data-aside]");
    if (!button) return;
    if (button.dataset.aside === "export") {
      const day = today();
      download(`cqp-saisie-mise-de-cote-${day}.json`, "application/json", asideText);
    } else {
      try {
        localStorage.removeItem(ASIDE_KEY);
      } catch {
        /* storage disabled */
      }
      asideText = null;
      const tabs = root.querySelector('[role="tablist"]');
      box.remove();
      (tabs.querySelector('[aria-selected="true"]') || tabs).focus();
    }
  });
  root.querySelector(".cqp-engine").after(box);
}

// --- several tabs: each saves only what it changed, and takes in what the others saved ---
//
// A tool's state is read as fields: each leaf of its situation (a value, or a group left empty)
// and each switch. `known` is the stored state this tab last wrote or took in; what differs from
// it in the forms is what this tab changed. Saving writes those changes over what is stored now
// (another tab may have written since); a `storage` event (another tab saved) brings the other
// tab's changes into the forms, field by field. Two tabs changing the same field: the last one
// to save wins, and the other shows it.

function leavesOf(situation) {
  const leaves = new Map();
  const walk = (value, path) => {
    const keys = isRecord(value) || Array.isArray(value) ? Object.keys(value) : null;
    if (keys && keys.length) {
      for (const k of keys) walk(value[k], [...path, Array.isArray(value) ? Number(k) : k]);
    } else if (path.length) leaves.set(JSON.stringify(path), { path, value: JSON.stringify(value) });
  };
  walk(situation, []);
  return leaves;
}

function situationOf(leaves) {
  const situation = {};
  // Shorter paths first: a group left empty is set only where no field below it has a value.
  const sorted = [...leaves.values()].sort((x, y) => x.path.length - y.path.length);
  for (const { path, value } of sorted) {
    const v = JSON.parse(value);
    const container = v !== null && typeof v === "object";
    if (!container || getIn(situation, path) === undefined) setIn(situation, path, v);
  }
  return situation;
}

const stateOf = (situation, saved) => ({ leaves: leavesOf(situation), switches: new Map(Object.entries(saved)) });

function stateOfTool(t) {
  return stateOf(t.override ?? collect(t.form), switches(t.form));
}

function sameState(x, y) {
  const same = (a, b, value) => a.size === b.size && [...a].every(([k, v]) => b.has(k) && value(b.get(k)) === value(v));
  return same(x.leaves, y.leaves, (l) => l.value) && same(x.switches, y.switches, (v) => v);
}

// `theirs` (stored now) with what `mine` changed since `base` written over it.
function merge(base, mine, theirs) {
  const out = { leaves: new Map(theirs.leaves), switches: new Map(theirs.switches) };
  for (const part of ["leaves", "switches"]) {
    const value = part === "leaves" ? (l) => l && l.value : (v) => v;
    for (const k of new Set([...base[part].keys(), ...mine[part].keys()])) {
      if (value(mine[part].get(k)) === value(base[part].get(k))) continue;
      if (mine[part].has(k)) out[part].set(k, mine[part].get(k));
      else out[part].delete(k);
    }
  }
  return out;
}

let known = new Map(); // check -> state, as last stored by or read in this tab
// A tool that nothing stored holds is blank (its form reset), not empty: a tab's untouched
// defaults are then no change of its own.
const stateIn = (states, t) => states.get(t.check) ?? stateOf(blankOf(t), t.blankSwitches);
let knownActive = null;

function storedStates(data) {
  return new Map([...data.tools].map(([check, s]) => [check, stateOf(s.situation, Object.fromEntries(s.switchesSaved))]));
}

// Shows a merged state in a tool whose form does not show it yet; true if anything changed.
function showState(t, state) {
  if (sameState(state, stateOfTool(t))) return false;
  const situation = situationOf(state.leaves);
  applyFields(t.form, situation, state.switches);
  t.override = sameJSON(collect(t.form), situation) ? null : situation;
  return true;
}

// Another tab saved: its changes are shown here; this tab's own unsaved ones (a failed write)
// are kept and saved again.
function takeIn() {
  const { data } = readStore();
  if (!data) return; // unreadable or erased: this tab's next save writes its own state
  const theirs = storedStates(data);
  let unsaved = false;
  for (const t of tools.values()) {
    const stored = stateIn(theirs, t);
    const merged = merge(stateIn(known, t), stateOfTool(t), stored);
    if (!sameState(merged, stored)) unsaved = true;
    known.set(t.check, stored);
    if (showState(t, merged) && t.check === active) {
      if (location.hash.startsWith("#s=")) keepInAddress(t);
      evaluate(t);
    }
  }
  if (unsaved) save();
}

const SAVE_FAILED = "Votre saisie n'a pas pu être enregistrée dans ce navigateur (stockage plein ou " +
  "désactivé) : la copie enregistrée précédemment est conservée. Exportez la situation pour la garder.";
let saveFailed = false;

// What this tab changed, written over what is stored now. A failed write leaves the stored copy.
function save() {
  const { data } = readStore();
  const theirs = data ? storedStates(data) : known; // nothing usable stored: this tab's state whole
  const states = new Map();
  const out = { version: 1, active, tools: {} };
  if (data && data.active && active === knownActive) out.active = data.active; // another tab's choice stands
  for (const t of tools.values()) {
    const mine = stateOfTool(t);
    const merged = merge(stateIn(known, t), mine, stateIn(theirs, t));
    states.set(t.check, merged);
    out.tools[t.check] = { situation: situationOf(merged.leaves), switches: Object.fromEntries(merged.switches) };
  }
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(out));
  } catch {
    saveFailed = true;
    note(tools.get(active), SAVE_FAILED);
    return false;
  }
  known = states;
  knownActive = out.active;
  // Another tab's changes this tab had not seen yet (an event still to come) are shown now.
  for (const t of tools.values()) {
    if (showState(t, states.get(t.check)) && t.check === active) evaluate(t);
  }
  if (saveFailed) {
    saveFailed = false;
    for (const t of tools.values()) {
      if (t.panel.querySelector(".cqp-action-note").textContent === SAVE_FAILED) note(t, "");
    }
  }
  return true;
}

// --- share links ---

const b64url = {
  encode(text) {
    let bin = "";
    for (const byte of new TextEncoder().encode(text)) bin += String.fromCharCode(byte);
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  },
  decode(text) {
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  },
};

function shareUrl(check, situation) {
  const url = new URL(location.href);
  url.hash = "s=" + b64url.encode(JSON.stringify({ check, situation }));
  return url.href;
}

// The address keeps the situation of the tool shown, so that it can be bookmarked or sent:
// replaced (never a new entry of the tab's history), never sent to the server. Opening it again
// applies it as a share link (the same situation: nothing is asked). While the person types, it
// is written at a pause (keepInAddressAtPause), since each address written is also an entry of
// the browser's history of visited pages; at once when the page is left. The last addresses this
// tab wrote are remembered (sessionStorage): a reload quicker than the pause reopens an earlier
// address of this tab's own (the one written as the page is left may come too late for it),
// which is then not taken for a shared link.
const OWN_ADDRESS_KEY = `${STORAGE_KEY}:adresse`;
let addressTimer = null;
let addressTool = null;

function keepInAddress(t) {
  clearTimeout(addressTimer);
  addressTool = null;
  const url = shareUrl(t.check, t.override ?? collect(t.form));
  if (url !== location.href) history.replaceState(history.state, "", url);
  try {
    const hash = new URL(url).hash;
    const kept = ownAddresses().filter((h) => h !== hash).slice(-2);
    sessionStorage.setItem(OWN_ADDRESS_KEY, JSON.stringify([...kept, hash]));
  } catch {
    /* storage refused: a quick reload may ask before replacing */
  }
}

function keepInAddressAtPause(t) {
  clearTimeout(addressTimer);
  addressTool = t;
  addressTimer = setTimeout(() => keepInAddress(t), SETTLE_MS);
}

function flushAddress() {
  if (addressTool) keepInAddress(addressTool);
}

function ownAddresses() {
  try {
    const list = JSON.parse(sessionStorage.getItem(OWN_ADDRESS_KEY) || "[]");
    return Array.isArray(list) ? list.filter((h) => typeof h === "string") : [];
  } catch {
    return [];
  }
}

// An empty or bare "#s=" is nobody's situation.
const ownAddress = (hash) => hash.startsWith("#s=") && hash !== "#s=" && ownAddresses().includes(hash);

// {check, situation} from a wrapped value, or a French reason.

function wrapped(value) {
  if (!isRecord(value)) return { problem: "il ne contient pas de réponses du simulateur" };
  const check = own(value, "check");
  if (!tools.has(check)) return { problem: "il ne désigne aucun des trois outils du simulateur (éligibilité, score, calendrier)" };
  const situation = own(value, "situation");
  if (!isRecord(situation)) return { problem: "il ne contient pas de réponses à reprendre" };
  const problem = problemOf(situation);
  return problem ? { problem } : { check, situation };
}

function fromHash(hash) {
  if (!hash.startsWith("#s=")) return null;
  const m = /^#s=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m) return { problem: "il est illisible (il a peut-être été tronqué)" };
  if (m[1].length > Math.ceil(MAX_BYTES * BASE64_GROWTH)) return { problem: "il dépasse 1 Mo" };
  let text;
  try {
    text = b64url.decode(m[1]);
  } catch {
    return { problem: "il est illisible (il a peut-être été tronqué)" };
  }
  const { value, problem } = parseJSON(text);
  return problem ? { problem } : wrapped(value);
}

// --- tabs ---

function activate(check, focus = false) {
  active = check;
  document.documentElement.setAttribute("data-cqp-active", check); // see simulateur.css
  for (const tab of root.querySelectorAll('[role="tab"]')) {
    const on = tab.dataset.check === check;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    if (on && focus) tab.focus();
  }
  for (const t of tools.values()) t.panel.hidden = t.check !== check;
  // A tool's result is brought up to date when it is shown (edits reach only the tool shown).
  evaluate(tools.get(check));
}

// The person chose a tab: the address now holds that tool's situation, if it held one.
function choose(check, focus = false) {
  activate(check, focus);
  save();
  if (location.hash.startsWith("#s=")) keepInAddress(tools.get(check));
}

function setupTabs() {
  const list = root.querySelector('[role="tablist"]');
  const tabs = [...list.querySelectorAll('[role="tab"]')];
  for (const t of tools.values()) {
    const tab = tabs.find((b) => b.dataset.check === t.check);
    t.panel.setAttribute("role", "tabpanel");
    t.panel.setAttribute("aria-labelledby", tab.id);
    t.panel.tabIndex = -1;
  }
  list.hidden = false;
  list.addEventListener("click", (e) => {
    const tab = e.target.closest('[role="tab"]');
    if (tab) choose(tab.dataset.check);
  });
  list.addEventListener("keydown", (e) => {
    const i = tabs.findIndex((b) => b.dataset.check === active);
    const j = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (j === undefined) return;
    e.preventDefault();
    choose(tabs[(j + tabs.length) % tabs.length].dataset.check, true);
  });
}

// --- evaluation ---

function clearFieldErrors(form) {
  for (const el of form.querySelectorAll('[aria-invalid="true"]')) {
    el.removeAttribute("aria-invalid");
    const ids = (el.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== `${el.id}-error`);
    if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
    else el.removeAttribute("aria-describedby");
  }
  for (const p of form.querySelectorAll(".cqp-field-error")) p.remove();
}

// The field at a problem's path ("blocks.B1.C1.1.jury", "members[0]"), or the nearest one.
function fieldFor(form, path) {
  const fields = [...form.querySelectorAll("[data-key]")]
    .filter((el) => shown(el, form) && el.type !== "hidden")
    .map((el) => [pathOf(el.dataset.key), el]);
  const hit =
    fields.find(([p]) => p === path) ||
    fields.find(([p]) => p.startsWith(path + ".") || p.startsWith(path + "[")) ||
    fields
      .filter(([p]) => path.startsWith(p + ".") || path.startsWith(p + "["))
      .sort((x, y) => y[0].length - x[0].length)[0];
  if (!hit) return null;
  // A yes/no question is reached at its chosen answer, the radio that takes the focus.
  const field = hit[1];
  return field.tagName === "FIELDSET" ? field.querySelector("input:checked") || field.querySelector("input") : field;
}

// Each problem is told next to its field, in the checker's French words (label and message).
function showFieldError(form, problem) {
  const field = fieldFor(form, problem.path);
  if (!field) return null;
  const existing = document.getElementById(`${field.id}-error`);
  if (existing) {
    existing.textContent += ` ${shows.problemText(problem)}`;
    return field;
  }
  field.setAttribute("aria-invalid", "true");
  const p = Object.assign(document.createElement("p"), { className: "cqp-field-error", id: `${field.id}-error`, textContent: shows.problemText(problem) });
  (field.closest(".cqp-field, td") || field.parentElement).append(p);
  field.setAttribute("aria-describedby", `${field.getAttribute("aria-describedby") || ""} ${p.id}`.trim());
  return field;
}

// Evaluations in flight, readable by tests and scripts (0 = every verdict shown is current).
let inFlight = 0;
root.dataset.pending = "0";
function pending(delta) {
  inFlight += delta;
  root.dataset.pending = String(inFlight);
}

async function evaluate(t, startedAt = performance.now()) {
  const situation = t.override ?? collect(t.form);
  t.lastSituation = situation;
  if (CQP.status !== "ready") return;
  const seq = ++t.seq;
  let verdict = null;
  let error = null;
  pending(+1);
  const display = results();
  display.catch(() => {}); // handled below, once the verdict is in: not an uncaught error meanwhile
  try {
    verdict = await CQP.evaluate(t.check, situation);
  } catch (err) {
    error = err;
  }
  try {
    await display;
  } catch (err) {
    // The result cannot be shown: its modules are gone from the site (a new version was put
    // online since this page opened) or the connection dropped. The next change tries again.
    console.error("simulateur :", err);
    const box = t.panel.querySelector(".cqp-verdict");
    const text = JSON.parse(document.getElementById("cqp-config").textContent).words.result_unavailable;
    box.dataset.state = "unavailable";
    box.querySelector(".cqp-verdict-details").replaceChildren(
      Object.assign(document.createElement("p"), { className: "cqp-verdict-unavailable", textContent: text }));
    announce(t, box.querySelector(".cqp-verdict-summary"), text);
    return;
  } finally {
    pending(-1);
  }
  const { problemsOf, renderVerdict, summaryOf } = shows;
  if (seq !== t.seq) return; // a newer evaluation is on its way
  clearFieldErrors(t.form);
  // An answer not given yet is listed in the result (« À compléter », with a link to its field),
  // never flagged on the field itself: a first visit shows no error.
  if (error) for (const problem of problemsOf(error)) if (problem.kind !== "missing") showFieldError(t.form, problem);
  // The printed recap (answers, date, referential) is recap.mjs's, on cqp:verdict.
  const box = t.panel.querySelector(".cqp-verdict");
  renderVerdict(box.querySelector(".cqp-verdict-details"), t.check, verdict, error, (path) => fieldFor(t.form, path),
    situation);
  announce(t, box.querySelector(".cqp-verdict-summary"), summaryOf(t.check, verdict, error));
  box.dataset.state = error ? "error" : "verdict";
  document.dispatchEvent(new CustomEvent("cqp:verdict", {
    detail: { check: t.check, ms: performance.now() - startedAt, verdict, error: error && error.message },
  }));
}

// The live region says the settled result once, when the person pauses, not at each keystroke
// (a date typed digit by digit would otherwise be announced ten times).
const SETTLE_MS = 700;
function announce(t, region, text) {
  clearTimeout(t.announceTimer);
  t.announceTimer = setTimeout(() => {
    // The checker's summary, typeset as the result itself is (non-breaking spaces).
    const said = text;
    if (region.textContent !== said) region.replaceChildren(Object.assign(document.createElement("p"), { textContent: said }));
  }, SETTLE_MS);
}

function onEdit(t, event) {
  const startedAt = performance.now();
  if (event && event.target.closest && event.target.closest("[data-action]")) return;
  t.override = null;
  updateVisibility(t.form);
  showWeekdays(t.form);
  save();
  keepInAddressAtPause(t);
  evaluate(t, startedAt);
}

// --- actions ---

const escapeHtml = (v) =>
  String(v).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function note(t, html) {
  const p = t.panel.querySelector(".cqp-action-note");
  p.innerHTML = html;
}

function load(check, situation, { switchesSaved = null, from = "" } = {}) {
  const t = tools.get(check);
  fill(t.form, situation, switchesSaved);
  t.override = sameJSON(collect(t.form), situation) ? null : situation;
  if (t.override && from) {
    note(t, `${from} contient des éléments que le formulaire ne montre pas : le résultat porte sur la ` +
      "situation telle qu'elle a été transmise, jusqu'à votre prochaine modification.");
  }
}

// Puts a checked situation in its tool; if anything goes wrong, the tool is put back as it was.
function replaceWith(check, situation, from) {
  const t = tools.get(check);
  const before = { situation: t.override ?? collect(t.form), switchesSaved: new Map(Object.entries(switches(t.form))) };
  try {
    load(check, situation, { from });
  } catch (err) {
    load(check, before.situation, { switchesSaved: before.switchesSaved });
    throw err;
  }
}

// The situation of an untouched tool: a copy of its form, reset.
function blankOf(t) {
  if (!t.blank) {
    const copy = t.form.cloneNode(true);
    copy.reset();
    updateVisibility(copy);
    t.blank = collect(copy);
    t.blankSwitches = switches(copy);
  }
  return t.blank;
}

async function importFile(t, input) {
  const file = input.files[0];
  input.value = "";
  if (!file) return;
  const refuse = (why) => note(t, `Impossible de reprendre les réponses de ce fichier (${escapeHtml(file.name)}) : ${escapeHtml(why)}. Votre saisie n'a pas été modifiée.`);
  // The size first: a large file is never read (reading 20 Mo would freeze the page).
  if (file.size > MAX_BYTES) {
    const mo = (file.size / 1e6).toLocaleString("fr-FR", { maximumFractionDigits: 1 });
    refuse(`le fichier pèse ${mo} Mo, le simulateur accepte au plus 1 Mo`);
    return;
  }
  let text;
  try {
    text = await file.text();
  } catch {
    refuse("le fichier n'a pas pu être lu");
    return;
  }
  const { value, problem } = parseJSON(text);
  if (problem) {
    refuse(problem);
    return;
  }
  // Either {check, situation}, or a situation alone for the tool shown.
  const data = isRecord(value) && Object.hasOwn(value, "check") ? wrapped(value)
    : { check: t.check, situation: value, problem: problemOf(value) };
  if (data.problem || !isRecord(data.situation)) {
    refuse(data.problem ? data.problem.replace(/^il /, "le fichier ") : "le fichier ne contient pas de réponses du simulateur");
    return;
  }
  try {
    replaceWith(data.check, data.situation, "Le fichier importé");
  } catch {
    refuse("la situation n'a pas pu être reportée dans le formulaire");
    return;
  }
  const target = tools.get(data.check);
  activate(data.check);
  if (!target.override) note(target, `Situation importée depuis ${escapeHtml(file.name)}.`);
  save();
  evaluate(target);
}

async function act(t, action, input) {
  const situation = t.override ?? collect(t.form);
  if (action === "share") {
    const url = shareUrl(t.check, situation);
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      /* no clipboard (permissions, insecure context): the link is shown below */
    }
    note(t, `${copied ? "Lien copié." : "Copiez ce lien :"} <a class="cqp-share-link" href="${escapeHtml(url)}">Lien vers cette situation</a>` +
      ` <input class="cqp-share-input" readonly aria-label="Lien de partage" value="${escapeHtml(url)}">`);
  } else if (action === "export") {
    const day = today();
    download(`cqp-${t.check}-${day}.json`, "application/json", JSON.stringify(situation, null, 2) + "\n");
    note(t, "Vos réponses sont enregistrées dans un fichier : « Reprendre des réponses enregistrées » les remettra dans le formulaire.");
  } else if (action === "import") {
    await importFile(t, input);
  } else if (action === "print") {
    window.print();
  } else if (action === "reset") {
    confirmReset(t);
  }
}

// « Réinitialiser » empties this tool only, once the person confirms in a dialog (a modal
// <dialog>: focus goes to it and comes back to the button; Échap cancels).
function confirmReset(t) {
  const title = t.panel.querySelector("h2").textContent;
  let dialog = t.panel.querySelector(".cqp-confirm");
  if (!dialog) {
    dialog = Object.assign(document.createElement("dialog"), { className: "cqp-dialog cqp-confirm" });
    dialog.setAttribute("aria-labelledby", `${t.check}-confirm-title`);
    dialog.setAttribute("aria-describedby", `${t.check}-confirm-text`);
    dialog.innerHTML =
      `<form method="dialog"><h2 id="${t.check}-confirm-title">Effacer vos réponses ?</h2>` +
      `<p id="${t.check}-confirm-text">Toutes les réponses de l'outil «\u00a0${escapeHtml(title)}\u00a0» seront effacées. ` +
      "Les autres outils ne changent pas.</p><p class=\"cqp-dialog-actions\">" +
      '<button type="submit" value="cancel" class="md-button" autofocus>Annuler</button> ' +
      '<button type="submit" value="reset" class="md-button md-button--primary">Effacer les réponses</button></p></form>';
    // On the button's submit, which comes with the click, rather than on the dialog's close,
    // which comes in a later task: the answers are erased and saved before anything else can
    // happen (a reload, the tab closed).
    dialog.querySelector("form").addEventListener("submit", (e) => {
      if (!e.submitter || e.submitter.value !== "reset") return;
      t.override = null;
      clear(t.form);
      save();
      if (location.hash.startsWith("#s=")) keepInAddress(t);
      note(t, "Réponses effacées.");
      evaluate(t);
    });
    t.panel.querySelector(".cqp-actions").after(dialog);
  }
  dialog.returnValue = "";
  dialog.showModal();
}

// --- share links: asked before replacing saved work ---

let asking = null; // the dialog's pending answer: {resolve}

function confirmReplace(t) {
  if (asking) asking.resolve(false); // a newer link: the older one is dropped
  let dialog = root.querySelector(".cqp-dialog:not(.cqp-confirm)"); // not a tool's reset dialog
  if (!dialog) {
    dialog = Object.assign(document.createElement("dialog"), { className: "cqp-dialog" });
    dialog.setAttribute("aria-labelledby", "cqp-dialog-title");
    dialog.setAttribute("aria-describedby", "cqp-dialog-text");
    dialog.innerHTML =
      '<form method="dialog"><h2 id="cqp-dialog-title">Remplacer votre saisie ?</h2>' +
      '<p id="cqp-dialog-text"></p><p class="cqp-dialog-actions">' +
      '<button type="submit" value="replace" class="md-button md-button--primary">Remplacer par la situation du lien</button> ' +
      '<button type="submit" value="keep" class="md-button" autofocus>Garder ma saisie</button></p></form>';
    root.append(dialog);
  }
  const title = t.panel.querySelector("h2").textContent;
  dialog.querySelector("#cqp-dialog-text").textContent =
    `Ce lien de partage contient une situation « ${title} » différente de celle que vous avez ` +
    "saisie dans ce navigateur. Si vous la remplacez, votre saisie actuelle de cet outil est " +
    "perdue ; pour la garder, choisissez « Garder ma saisie », exportez-la, puis rouvrez le lien.";
  dialog.returnValue = "";
  return new Promise((resolve) => {
    asking = { resolve };
    dialog.addEventListener("close", () => {
      if (asking && asking.resolve === resolve) asking = null;
      resolve(dialog.returnValue === "replace");
    }, { once: true });
    if (!dialog.open) dialog.showModal();
  });
}

async function openShared(shared, own = false) {
  // Taken out while it is applied; the address then follows the form again (keepInAddress), so
  // later edits still win on reload and the page stays bookmarkable.
  history.replaceState(null, "", location.pathname + location.search);
  if (shared.problem) {
    note(tools.get(active), `Le lien de partage est inutilisable : ${escapeHtml(shared.problem)}. Votre saisie n'a pas été modifiée.`);
    return;
  }
  const t = tools.get(shared.check);
  activate(shared.check);
  save();
  const current = t.override ?? collect(t.form);
  if (own && !sameJSON(current, blankOf(t))) {
    keepInAddress(t); // this tab's own earlier address: what was saved since is newer
    return;
  }
  if (!sameJSON(current, shared.situation) && !sameJSON(current, blankOf(t))) {
    if (!(await confirmReplace(t))) {
      note(t, "Le lien de partage n'a pas été appliqué : votre saisie est conservée.");
      keepInAddress(t);
      return;
    }
  }
  try {
    replaceWith(shared.check, shared.situation, "Le lien de partage");
  } catch {
    note(t, "Le lien de partage n'a pas pu être reporté dans le formulaire. Votre saisie n'a pas été modifiée.");
    return;
  }
  save();
  keepInAddress(t);
  evaluate(t);
}

// --- engine status ---

const mo = (bytes) => (bytes / 1e6).toLocaleString("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function showProgress() {
  const p = CQP.progress;
  const box = root.querySelector(".cqp-engine");
  const line = box.querySelector(".cqp-engine-progress");
  if (!p || CQP.status !== "loading") {
    line.hidden = true;
    line.querySelector("progress").value = 0;
    return;
  }
  line.hidden = false;
  const bar = line.querySelector("progress");
  bar.max = Math.max(p.total, p.received, 1);
  bar.value = p.received;
  // Short enough to stay on the bar's line on a 320 px phone (the bar is labelled).
  line.querySelector("span").textContent = p.total && p.received >= p.total
    ? "Démarrage du moteur…"
    : `${mo(p.received)} sur ${mo(Math.max(p.total, p.received))} Mo`;
}

// After a restart (boot.js: the worker stopped answering), the status says so until the next one.
let restarted = false;
function engine(state, reason = "") {
  const box = root.querySelector(".cqp-engine");
  box.dataset.engine = state;
  const loading = box.querySelector(".cqp-engine-loading");
  const failed = box.querySelector(".cqp-engine-failed");
  failed.hidden = state !== "failed";
  loading.hidden = state === "failed";
  if (state === "ready") {
    loading.textContent = restarted
      ? "Le moteur de calcul ne répondait plus : il a été redémarré et il est de nouveau prêt. Vos réponses sont conservées."
      : "Moteur de calcul prêt, dans votre navigateur : le résultat suit chacune de vos réponses.";
  }
  if (state === "loading") {
    loading.textContent = restarted
      ? "Le moteur de calcul ne répondait plus : il redémarre dans votre navigateur. Vos réponses sont conservées ; le résultat suivra…"
      : box.querySelector(".cqp-engine-line").dataset.sizer; // the page's own (build_scripts/simulator/page.py)
  }
  if (state === "failed") box.querySelector(".cqp-engine-reason").textContent = reason;
  showProgress();
}

// --- start: whatever the storage or the link holds, the page ends up usable ---

// Fields the user typed into before this script ran (the forms are usable at once): the boot
// script records the targets of `input` events. Values the browser restores on a reload fire
// none, and are not counted.
function typedEarly(form) {
  const typed = CQP.typedEarly;
  return typed ? [...typed].filter((el) => form.contains(el)) : [];
}

// The stored state, checked, into the forms. A tool typed into before this script ran stays as
// the user sees it; what was stored for it then is set aside rather than lost.
function restore() {
  const early = new Map([...tools.values()].map((t) => [t, typedEarly(t.form)]));
  const { data, aside } = readStore();
  let raw = aside ?? null;
  if (data) {
    known = storedStates(data);
    knownActive = data.active;
    for (const [check, s] of data.tools) {
      const t = tools.get(check);
      if (early.get(t).length) {
        if (!sameJSON(s.situation, collect(t.form)) && !sameJSON(s.situation, blankOf(t))) raw ??= storedText();
        continue;
      }
      try {
        load(check, s.situation, { switchesSaved: s.switchesSaved });
      } catch {
        fill(t.form, {});
        t.override = null;
        raw ??= storedText();
      }
    }
    if (data.active) active = data.active;
  }
  CQP.typedEarly = null;
  if (raw !== null) {
    setAside(raw);
  }
  for (const t of tools.values()) updateVisibility(t.form);
  if (raw !== null || [...early.values()].some((fields) => fields.length)) save();
}

function storedText() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function wire() {
  for (const t of tools.values()) {
    // `input` fires for every kind of field (text, select, checkbox), at each keystroke.
    t.form.addEventListener("input", (e) => onEdit(t, e));
    t.form.addEventListener("submit", (e) => e.preventDefault());
    t.panel.addEventListener("click", (e) => {
      const button = e.target.closest("button[data-action]");
      if (button) act(t, button.dataset.action);
    });
    t.panel.querySelector('input[data-action="import"]').addEventListener("change", (e) => act(t, "import", e.target));
  }
  root.querySelector('[data-action="retry"]').addEventListener("click", () => {
    restarted = false;
    CQP.retry(); // status "loading" again, progress from zero
    engine("loading");
  });
  document.addEventListener("cqp:restarting", () => {
    restarted = true;
    engine("loading");
  });
  const evaluateAll = () => {
    engine("ready");
    evaluate(tools.get(active)); // the others when they are shown
  };
  document.addEventListener("cqp:ready", evaluateAll);
  document.addEventListener("cqp:failed", (e) => engine("failed", e.detail.message));
  document.addEventListener("cqp:progress", showProgress);
  window.addEventListener("storage", (e) => {
    if (e.storageArea === localStorage && e.key === STORAGE_KEY) takeIn();
  });
  window.addEventListener("hashchange", () => {
    const shared = fromHash(location.hash);
    if (shared) openShared(shared);
  });
  if (CQP.status === "ready") evaluateAll();
  else if (CQP.status === "failed") engine("failed", CQP.error);
  else showProgress();
}

function start() {
  const steps = [setupTabs, wire, restore, () => activate(active), showAside];
  for (const step of steps) {
    try {
      step();
    } catch (err) {
      console.error("simulateur :", err); // the page goes on: each step stands alone
    }
  }
  window.addEventListener("pagehide", flushAddress);
  window.addEventListener("beforeunload", flushAddress);
  const shared = fromHash(location.hash);
  if (shared) openShared(shared, ownAddress(location.hash)).catch((err) => console.error("simulateur :", err));
}

start();
CQP.formsReadyAt = performance.now(); // read by build_scripts/bench_simulator.py
