// The result bar: on a phone the result is far below the field just changed, so once the
// person has changed something, a bar fixed at the bottom of the screen gives the result's
// headline (the same words) and a link to the detail — only while the result itself is out of
// view below, and never over the field being typed in. It takes no focus and announces nothing
// (the result's own live region does); following its link moves to the result, as a link does.

const TYPED = 'input:not([type="checkbox"]):not([type="radio"]):not([type="file"]), textarea';

for (const panel of document.querySelectorAll("[data-cqp-sim] .cqp-panel")) {
  const box = panel.querySelector(".cqp-verdict");
  const form = panel.querySelector("form");
  if (!box || !form) continue;
  // Made here, not in the page: without JavaScript there is no result to lead to.
  const bar = Object.assign(document.createElement("div"), { className: "cqp-result-bar", hidden: true });
  const words = Object.assign(document.createElement("p"), { className: "cqp-result-bar-status" });
  const link = Object.assign(document.createElement("a"), { href: `#${box.id}`, textContent: "Voir le détail" });
  bar.append(words, link);
  box.after(bar);
  let changed = false;

  // Hidden while the field being typed in would be under it.
  const covers = () => {
    const el = document.activeElement;
    if (!el || !form.contains(el) || !el.matches(TYPED)) return false;
    const top = window.innerHeight - bar.offsetHeight;
    return el.getBoundingClientRect().bottom > top;
  };

  function update() {
    const headline = box.querySelector(".cqp-verdict-details .cqp-outcome");
    // Measured now: an observer says nothing when a hidden tool is shown with its result still
    // out of view.
    const below = box.getBoundingClientRect().top >= window.innerHeight;
    const show = changed && below && !!headline && !panel.hidden;
    if (show && headline) {
      const status = ["ok", "ko", "error", "none"].find((s) => headline.classList.contains(`cqp-outcome--${s}`)) || "none";
      bar.dataset.status = status;
      const sign = headline.querySelector(".cqp-mark");
      words.replaceChildren(...(sign ? [sign.cloneNode(true), " "] : []), headline.textContent.replace(/\s+/g, " ").trim());
    }
    // Measured while laid out (hidden has no height), then hidden if it would cover the field.
    bar.hidden = !show;
    if (show && covers()) bar.hidden = true;
    document.documentElement.classList.toggle("cqp-result-bar-shown", !bar.hidden);
  }

  new IntersectionObserver(update).observe(box);
  form.addEventListener("input", () => {
    changed = true;
    update();
  });
  // Emptied (« Réinitialiser ») or filled again from a link or another tab: nothing changed by
  // the person in this form since.
  form.addEventListener("reset", () => {
    changed = false;
    update();
  });
  form.addEventListener("focusin", update);
  form.addEventListener("focusout", () => setTimeout(update));
  document.addEventListener("cqp:verdict", update);
  window.addEventListener("resize", update); // a phone's keyboard opening or closing

  // The link moves to the result without writing its anchor into the address, which keeps the
  // situation (#s=…).
  link.addEventListener("click", (e) => {
    e.preventDefault();
    box.scrollIntoView({ block: "start" });
    box.focus({ preventScroll: true });
  });
}
