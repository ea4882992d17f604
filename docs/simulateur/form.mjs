// The forms as situations: where each field's value goes (data-key), which groups count
// (data-when), and back from a situation to the fields. How forms are annotated:
// build_scripts/simulator/forms.py. Values go to the checker as typed: it reads them (the field
// table, checker/fields.py); parse.mjs only reads a date for the weekday shown under it.
import { longDate, parseDate } from "./parse.mjs";

// --- situation paths ---

export const segments = (key) => key.split("/").map((s) => (s.startsWith("#") ? Number(s.slice(1)) : s));
// The checker's name for the same place: blocks.B1.C1.1.jury, members[0].role.
export const pathOf = (key) =>
  segments(key).reduce((out, k) => (typeof k === "number" ? `${out}[${k}]` : out ? `${out}.${k}` : k), "");

// Own keys only: a situation comes from a link, a file or the storage, and may name
// "__proto__" or "constructor".
export function getIn(obj, keys) {
  let cur = obj;
  for (const k of keys) {
    if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur, k)) return undefined;
    cur = cur[k];
  }
  return cur;
}

export function setIn(obj, keys, value) {
  let cur = obj;
  keys.forEach((k, i) => {
    if (i === keys.length - 1) {
      cur[k] = value;
      return;
    }
    if (!Object.hasOwn(cur, k) || cur[k] === null || typeof cur[k] !== "object") {
      cur[k] = typeof keys[i + 1] === "number" ? [] : {};
    }
    cur = cur[k];
  });
}

// --- visibility of conditional groups ---

// A yes/no question is a fieldset of radios: its value is the checked one's ("" = not known yet).
function controlValue(control) {
  if (control.tagName !== "FIELDSET") return control.value;
  const checked = control.querySelector("input[type=radio]:checked");
  return checked ? checked.value : "";
}

function conditionHolds(form, when) {
  return when.split(";").every((cond) => {
    const [id, values] = cond.split("=");
    const control = form.querySelector(`#${CSS.escape(id)}`);
    return control && shown(control, form) && values.split("|").includes(controlValue(control));
  });
}

export function updateVisibility(form) {
  // Document order: a group's controlling field is above it, so it is settled first.
  for (const group of form.querySelectorAll("[data-when]")) {
    group.hidden = !conditionHolds(form, group.dataset.when);
  }
}

// Shown within its form: a group of the form hidden by data-when does not count, while the
// form itself may sit in a hidden tab (each tool is saved and judged from its own fields).
export function shown(el, form = el.closest("form")) {
  const hidden = el.closest("[hidden]");
  return !hidden || !form || !form.contains(hidden);
}

// --- form -> situation ---

// Numbers, dates and names go as typed (« 72,5 », « 3 mars 2026 »), so that what was typed is
// what is saved, shared and shown again; the checker reads them, and says in French, next to
// the field, what is wrong with a text it cannot read.
const BOOL = { yes: true, no: false };
const COUNT = /^\s*(\d{1,2})\s*$/;

function valueOf(el) {
  switch (el.dataset.type) {
    case "bool":
      return BOOL[controlValue(el)];
    case "count": {
      // A number of jury members becomes that many members to describe (a form's structure,
      // not a value the checker reads).
      const m = COUNT.exec(el.value);
      if (el.value.trim() === "") return undefined;
      return m && Number(m[1]) <= MAX_COUNT ? Array.from({ length: Number(m[1]) }, () => ({})) : el.value.trim();
    }
    case "choice":
      return el.value === "" ? undefined : el.value;
    default:
      return el.value.trim() === "" ? undefined : el.value.trim();
  }
}
// More members than any jury could have: sent as typed, for the checker to refuse.
const MAX_COUNT = 99;

// Under each date field, the date read, with its weekday (« lundi 15 juin 2026 »), or nothing.
export function showWeekdays(form) {
  for (const el of form.querySelectorAll('[data-type="date"]')) {
    const out = document.getElementById(`${el.id}-weekday`);
    if (!out) continue;
    const text = longDate(parseDate(el.value));
    if (out.textContent !== text) out.textContent = text;
  }
}

export function collect(form) {
  const situation = {};
  for (const group of form.querySelectorAll("[data-base]")) {
    if (shown(group, form) && getIn(situation, segments(group.dataset.base)) === undefined) {
      setIn(situation, segments(group.dataset.base), {});
    }
  }
  for (const el of form.querySelectorAll("[data-key]")) {
    if (!shown(el, form)) continue;
    const value = valueOf(el);
    if (value !== undefined) setIn(situation, segments(el.dataset.key), value);
  }
  return situation;
}

export function switches(form) {
  const out = {};
  for (const el of form.querySelectorAll("[data-switch]")) out[el.id] = el.value;
  return out;
}

// --- situation -> form ---

function inferred(el, situation) {
  for (const clause of el.dataset.infer.split(";")) {
    const [option, conds] = clause.split(":");
    const ok = !conds || conds.split(",").every((cond) => {
      const [key, expected] = cond.split("=");
      const value = getIn(situation, segments(key));
      return expected === undefined ? value !== undefined && value !== null : String(value) === expected;
    });
    if (ok) return option;
  }
  return null;
}

// A value given back to its field: text as it was typed (« 72,5 » stays « 72,5 »,
// « 2026-06-15 » stays so: the checker reads both); a JSON number, from a situation written by a
// program, with the decimal comma people read.
function shownAs(value) {
  if (typeof value === "number") return String(value).replace(".", ",");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

// The form as a first visit shows it: every answer empty, every switch at its default (not the
// one an empty situation would infer: « Effacer les réponses » must not leave a domain's
// questions hidden behind « pas encore évalué »).
export function clear(form) {
  form.reset();
  updateVisibility(form);
  showWeekdays(form);
}

export function fill(form, situation, saved = null) {
  form.reset();
  for (const el of form.querySelectorAll("[data-switch]")) {
    const value = saved instanceof Map ? saved.get(el.id) : undefined;
    if (typeof value === "string" && [...el.options].some((o) => o.value === value)) el.value = value;
    else if (el.dataset.infer) el.value = inferred(el, situation) ?? el.value;
  }
  for (const el of form.querySelectorAll("[data-key]")) {
    if (el.type === "hidden") continue;
    const value = getIn(situation, segments(el.dataset.key));
    if (value === undefined || value === null) continue;
    if (el.dataset.type === "bool") {
      const radio = el.querySelector(`input[type=radio][value="${value === true ? "yes" : value === false ? "no" : ""}"]`);
      if (radio) radio.checked = true;
    } else if (el.dataset.type === "count" && Array.isArray(value)) el.value = String(value.length);
    else if (el.tagName === "SELECT") {
      if ([...el.options].some((o) => o.value === String(value))) el.value = String(value);
    } else el.value = shownAs(value);
  }
  updateVisibility(form);
  showWeekdays(form);
}

// Shows a situation by changing only the fields whose value differs, so that the field being
// typed in keeps its caret when another tab's change concerns a different one: the form is
// filled in a detached copy (the same reading as fill), then the differences are copied over.
export function applyFields(form, situation, saved = null) {
  const copy = form.cloneNode(true);
  fill(copy, situation, saved);
  const fields = (f) => f.querySelectorAll("input, select, textarea");
  const target = fields(form);
  fields(copy).forEach((from, i) => {
    const el = target[i];
    if (!el || el.type === "file") return;
    if (el.type === "radio" || el.type === "checkbox") {
      if (el.checked !== from.checked) el.checked = from.checked;
    } else if (el.value !== from.value) el.value = from.value;
  });
  updateVisibility(form);
  showWeekdays(form);
}

// Keys of a restored situation that the form cannot show: the verdict then stays on the
// situation as given until the user edits the form. A JSON number and the text the form shows
// for it (72.5 and « 72,5 », see shownAs) are the same answer: the checker reads both alike.
// Never throws (checked() bounds the depth of what reaches it; anything deeper compares as
// different).
export function sameJSON(x, y) {
  const norm = (v) => JSON.stringify(v, (k, val) =>
    typeof val === "number" ? shownAs(val)
      : val && typeof val === "object" && !Array.isArray(val)
        ? Object.fromEntries(Object.entries(val).sort(([p], [q]) => (p < q ? -1 : 1))) : val);
  try {
    return norm(x) === norm(y);
  } catch {
    return false;
  }
}

// --- what comes from outside: a link, a file, the storage ---

export const MAX_BYTES = 1024 * 1024;
export const MAX_DEPTH = 64;

// Why a value read from JSON cannot be used as a situation (a French sentence), or null.
// Iterative, so that no nesting can overflow the stack; own keys only.
export function problemOf(value, { maxDepth = MAX_DEPTH } = {}) {
  const stack = [[value, 1]];
  let seen = 0;
  while (stack.length) {
    const [v, depth] = stack.pop();
    if (v === null || typeof v !== "object") continue;
    if (depth > maxDepth) return `la situation est trop imbriquée (plus de ${maxDepth} niveaux)`;
    if (++seen > 100000) return "la situation contient trop d'éléments";
    for (const key of Object.keys(v)) stack.push([v[key], depth + 1]);
  }
  return null;
}

export const isRecord = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function nestedDeeper(text, max) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // \ escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

// JSON text → value, or a French reason. The text's length is checked first. `wrapping`: the
// levels around the situation ({check, situation}: 1; the stored state: 3).
export function parseJSON(text, wrapping = 1) {
  if (typeof text !== "string") return { problem: "le contenu n'est pas du texte" };
  if (text.length > MAX_BYTES) return { problem: "le contenu dépasse 1 Mo" };
  // The nesting is counted on the text, before parsing: parsing 200,000 nested brackets takes
  // long enough to freeze the page.
  if (nestedDeeper(text, MAX_DEPTH + wrapping)) return { problem: `la situation est trop imbriquée (plus de ${MAX_DEPTH} niveaux)` };
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "le contenu n'a pas la forme des réponses enregistrées par le simulateur" };
  }
  const problem = problemOf(value, { maxDepth: MAX_DEPTH + wrapping });
  return problem ? { problem } : { value };
}
