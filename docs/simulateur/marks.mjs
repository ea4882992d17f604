// The three marks of a result, drawn alike (a filled disc with a sign: none weighs more than
// another), in the simulator's results and the cohort's table alike. The neutral one, a clock
// (not evaluated yet, to complete), is blue: never read as a failure. Signs only: the words
// next to each mark say the same for everyone.
const ICONS = {
  ok: '<path d="M4.3 8.4l2.5 2.5 5-5.4"/>',
  ko: '<path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6"/>',
  none: '<circle cx="8" cy="8" r="4.6"/><path d="M8 5.6V8.2l1.8 1.2"/>',
  // A pencil: data to correct (the cohort's table), neither a failure nor a wait.
  fix: '<path d="M5 11.2l.5-2.2 4.6-4.6 1.7 1.7-4.6 4.6z"/>',
};

export function mark(cls) {
  return `<span class="cqp-mark cqp-mark--${cls}" aria-hidden="true"><svg viewBox="0 0 16 16" focusable="false">` +
    `${ICONS[cls]}</svg></span>`;
}
