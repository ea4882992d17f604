// The forms as situations: where each field's value goes (data-key), which groups count
// (data-when), and back from a situation to the fields. How forms are annotated:
// build_scripts/simulator/forms.py. Numbers and dates as people write them: parse.mjs.
import { dayFirst, longDate, parseDate, parseNumber } from "./parse.mjs";

// --- situation paths ---

export const segments = (key) => key.split("/").map((s) => (s.startsWith("#") ? Number(s.slice(1)) : s));
// The checker's name for the same place: blocks.B1.C1.1.jury, members[0].role.
export const pathOf = (key) =>
  segments(key).reduce((out, k) => (typeof k === "number" ? `${out}[${k}]` : out ? `${out}.${k}` : k), "");

export function getIn(obj, keys) {
  let cur = obj;
  for (const k of keys) {
    if (cur === null || typeof cur !== "object" || !(k in cur)) return undefined;
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
    if (cur[k] === undefined || cur[k] === null || typeof cur[k] !== "object") {
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
    return control && shown(control) && values.split("|").includes(controlValue(control));
  });
}

export function updateVisibility(form) {
  // Document order: a group's controlling field is above it, so it is settled first.
  for (const group of form.querySelectorAll("[data-when]")) {
    group.hidden = !conditionHolds(form, group.dataset.when);
  }
}

// Shown within its form: a group of the form that is hidden leaves its fields out; the tool's
// panel being hidden (another tab is shown) does not, so a tool keeps its situation meanwhile.
export function shown(el) {
  const hidden = el.closest("[hidden]");
  return !hidden || hidden.contains(el.closest("form"));
}

// --- form -> situation ---

// Text that does not read as a number or a date goes as typed: the checker then says what is
// wrong with it, in French, next to the field.
const number = (text) => parseNumber(text) ?? text.trim();
const day = (text) => parseDate(text) ?? text.trim();
const BOOL = { yes: true, no: false };

function valueOf(el) {
  switch (el.dataset.type) {
    case "bool":
      return BOOL[controlValue(el)];
    case "int":
    case "number":
      return el.value.trim() === "" ? undefined : number(el.value);
    case "date":
      return el.value.trim() === "" ? undefined : day(el.value);
    case "count": {
      if (el.value.trim() === "") return undefined;
      const n = parseNumber(el.value);
      return Number.isInteger(n) && n >= 0 && n <= MAX_COUNT ? Array.from({ length: n }, () => ({})) : number(el.value);
    }
    case "text":
      return el.value.trim() === "" ? undefined : el.value.trim();
    default:
      return el.value === "" ? undefined : el.value;
  }
}
// More members than any jury could have: sent as a number, for the checker to refuse.
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
    if (shown(group) && getIn(situation, segments(group.dataset.base)) === undefined) {
      setIn(situation, segments(group.dataset.base), {});
    }
  }
  for (const el of form.querySelectorAll("[data-key]")) {
    if (!shown(el)) continue;
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

export function fill(form, situation, saved = null) {
  form.reset();
  for (const el of form.querySelectorAll("[data-switch]")) {
    if (saved && saved[el.id] !== undefined) el.value = saved[el.id];
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
    else if (el.dataset.type === "date" && parseDate(String(value))) el.value = dayFirst(parseDate(String(value)));
    else if (el.tagName === "SELECT") {
      if ([...el.options].some((o) => o.value === String(value))) el.value = String(value);
    } else el.value = typeof value === "object" ? JSON.stringify(value) : String(value);
  }
  updateVisibility(form);
  showWeekdays(form);
}

// Keys of a restored situation that the form cannot show: the verdict then stays on the
// situation as given until the user edits the form.
export function sameJSON(x, y) {
  const norm = (v) => JSON.stringify(v, (k, val) =>
    val && typeof val === "object" && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val).sort(([p], [q]) => (p < q ? -1 : 1))) : val);
  return norm(x) === norm(y);
}
