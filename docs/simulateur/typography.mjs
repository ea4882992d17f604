// French typography in what the cohort page writes itself: the spaces French puts before
// « : ; ? ! » and inside « guillemets », and between a number and « % » or « € », become
// non-breaking. The simulator's results need none of it: the checker typesets its sentences
// (checker/french.py, whose rules the built pages get too); this module goes once the cohort
// page shows only what the checker writes (tests/browser/test_typography.py keeps both equal).

const NBSP = "\u00a0";
const RULES = [
  [/(?<=\S)[ \t\n]+(?=[:;?!»])/g, NBSP],
  [/^[ \t\n]+(?=[:;?!»])/g, NBSP],
  [/«[ \t\n]+/g, "«" + NBSP],
  [/(?<=\d)[ \t\n]+(?=[%€])/g, NBSP],
];

export function frenchText(text) {
  let out = String(text);
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
