// Numbers and dates as people write them, read into what the checker takes (a number, an ISO
// date). Each reader returns null when the text is not one of the accepted writings: the form
// then sends the text as typed, so that the checker's French message names the problem rather
// than the answer silently vanishing.

// Spaces a French keyboard or spreadsheet puts in a figure: ordinary, no-break (U+00A0) and
// narrow no-break (U+202F).
const SPACE = "[ \\u00a0\\u202f]";
// Digits, optionally grouped by threes ("1 200", "12 345 678"), optionally a decimal part after
// a comma or a point, optionally a percent sign after any spaces. "7 0" is not a grouping.
const NUMBER = new RegExp(
  `^(-?)(\\d{1,3}(?:${SPACE}\\d{3})+|\\d+)(?:[.,](\\d+))?(?:${SPACE}*%)?$`,
);
// Longer than any figure of a form (a count, a percentage, years): a paste gone wrong.
const MAX_DIGITS = 12;

export function parseNumber(text) {
  const m = NUMBER.exec(String(text).trim());
  if (!m) return null;
  const [, sign, grouped, fraction = ""] = m;
  const whole = grouped.replace(new RegExp(SPACE, "g"), "");
  if (whole.length + fraction.length > MAX_DIGITS) return null;
  return Number(`${sign}${whole}${fraction ? "." + fraction : ""}`);
}

// Day first with "/", "-" or "." between parts (15/06/2026, 15-06-2026, 15.06.2026), or ISO
// (2026-06-15). A day that does not exist (31/02/2026, month 13) is not a date.
const DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

function isoOf(year, month, day) {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function parseDate(text) {
  const t = String(text).trim();
  const fr = DAY_FIRST.exec(t);
  if (fr) {
    const [, day, , month, year] = fr.map(Number);
    return isoOf(year, month, day);
  }
  const iso = ISO.exec(t);
  if (iso) {
    const [, year, month, day] = iso.map(Number);
    return isoOf(year, month, day);
  }
  return null;
}

// Today where the person is (local time, not UTC: at 15:30 in Tahiti it is already tomorrow in
// UTC), as an ISO date: the date printed on a sheet or put in a file's name.
export function today(now = new Date()) {
  return isoOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

// A date given back to a field, as people write it: 2026-06-15 → 15/06/2026.
export function dayFirst(iso) {
  const [year, month, day] = iso.split("-");
  return `${day}/${month}/${year}`;
}

// "lundi 15 juin 2026": a date with its weekday, as people check it against a calendar.
export function longDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!m) return "";
  const [, year, month, day] = m.map(Number);
  const d = new Date(Date.UTC(year, month - 1, day));
  const text = d.toLocaleDateString("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  // French writes the first of the month as an ordinal: « mercredi 1er juillet 2026 ».
  return text.replace(/^(\S+) 1 /, "$1 1er ");
}
