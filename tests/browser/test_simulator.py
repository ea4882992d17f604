"""The simulator page (simulateur/), used as people use it: fields found by their labels, the
verdict read on the page; and window.CQP, which must agree with the command line."""
from __future__ import annotations

import base64
import importlib.util
import json
import re
from datetime import date
from pathlib import Path

import pytest

import checker
from checker.french import long_date
from tests.browser.conftest import FORMS_WIRED, open_shared, palette, plain, read
from cli_runner import run_cli
from situation_files import situation_cases

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("browser_conftest", HERE / "conftest.py")
_browser = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_browser)


def run_axe(page, axe_source, colours_only=False):
    """axe on the page seen from its top, once the theme's transitions are over: the theme
    fades its navigation tabs out while the page is scrolled down, and a link caught
    half-faded would read as low contrast."""
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("() => !document.querySelector('.md-tabs[hidden]')")
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    return _browser.run_axe(page, axe_source, colours_only)

READY = "window.CQP && (CQP.status === 'ready' || CQP.status === 'failed')"


def open_simulator(page, base_url, fragment=""):
    page.goto(f"{base_url}/simulateur/{fragment}")
    page.wait_for_function(READY, timeout=60_000)
    assert page.evaluate("CQP.status") == "ready", page.evaluate("CQP.error")
    return page


def panel(page, name):
    page.get_by_role("tab", name=name).click()
    return page.get_by_role("tabpanel", name=name)


def fr(x: float) -> str:
    """A figure as the page writes it (fr-FR, at most 2 decimals): 68.0 → 68, 69.99 → 69,99."""
    return f"{round(x, 2):.2f}".rstrip("0").rstrip(".").replace(".", ",")


def field(scope, label, **kw):
    """The field a user sees under that label (the forms hold hidden alternatives)."""
    return scope.get_by_label(label, **kw).filter(visible=True)


def answer(scope, question, choice="Oui"):
    """Answer a yes/no question (a group of radios: Oui, Non, Je ne sais pas encore)."""
    scope.get_by_role("group", name=question, exact=True).filter(visible=True) \
        .get_by_role("radio", name=choice, exact=True).check()


def wait_verdict(page, tool):
    """Wait until the verdict of the tool shown is up to date with its form."""
    page.wait_for_function("() => window.CQP.status === 'ready' && "
                           "document.querySelector('[data-cqp-sim]').dataset.pending === '0'")
    return page.get_by_role("tabpanel", name=tool).locator(".cqp-verdict")


def cli_run(check: str, situation) -> tuple[int, str, str]:
    """The command line itself (python -m checker CHECK -), in this process."""
    out = run_cli(check, "-", stdin=json.dumps(situation, ensure_ascii=False, default=str))
    return out.returncode, out.text, out.stderr


# --- window.CQP -------------------------------------------------------------------------------

def test_cqp_agrees_with_the_cli_on_every_situation_file(simulator, base_url):
    page = simulator
    cases = situation_cases()
    assert cases, "no situation file in tests/situations/"
    requests = []
    record = lambda request: requests.append(request.url)  # noqa: E731
    page.on("request", record)
    payload = [{"check": c["check"], "situation": json.loads(json.dumps(c["situation"], default=str))}
               for c in cases]
    answers = page.evaluate(
        """async (cases) => Promise.all(cases.map((c) => CQP.evaluate(c.check, c.situation)
              .then((verdict) => ({verdict}), (err) => ({error: err.message}))))""", payload)
    mismatches = []
    for case, answer in zip(cases, answers):
        code, out, err = cli_run(case["check"], case["situation"])
        where = f"{case['file']}::{case['name']}"
        if code == 0:
            if answer.get("verdict") != json.loads(out):
                mismatches.append(f"{where}: browser {answer} != CLI {out[:300]}")
        else:
            if "error" not in answer or " ".join(answer["error"].split()) != err.strip():
                mismatches.append(f"{where}: browser {answer} != CLI stderr {err.strip()}")
    assert not mismatches, "\n".join(mismatches)
    page.remove_listener("request", record)
    assert [url for url in requests if not url.startswith(base_url)] == []


def test_bad_input_rejects_with_the_checkers_message(simulator):
    page = simulator
    situation = {"cqp": "commercial-sedentaire", "route": "vae", "blocks": {"B1": {"score": 172}}}
    with pytest.raises(checker.SituationError) as expected:
        checker.score(situation)
    got = page.evaluate("(s) => CQP.evaluate('score', s).then(() => 'resolved', (e) => e.message)", situation)
    assert got == str(expected.value)
    errors = page.evaluate("(s) => CQP.evaluate('score', s).then(() => null, (e) => e.errors)", situation)
    assert errors == expected.value.errors  # contract v1.1: every problem, as data
    got = page.evaluate("CQP.evaluate('verdict', {}).then(() => 'resolved', (e) => e.message)")
    assert got.startswith("check:")


def test_a_situation_as_json_text_is_read_exactly(simulator):
    # Contract v1.2: a JavaScript number cannot hold 69.999999999999999999 (it is 70 there); the
    # situation given as JSON text reaches the checker as written, as through the CLI.
    page = simulator
    text = '{"cqp": "commercial-sedentaire", "route": "vae", "blocks": {"B1": {"score": %s}}}'
    ask = "(t) => CQP.evaluate('score', t).then((v) => v.blocks.B1.validated, (e) => e.message)"
    assert page.evaluate(ask, text % "69.999999999999999999") is False
    assert page.evaluate(ask, text % "70.000000000000000000") is True
    long = "0." + "1" * 5000
    with pytest.raises(checker.SituationError) as expected:
        checker.evaluate("score", text % long)
    assert page.evaluate(ask, text % long) == str(expected.value)
    assert str(expected.value).startswith("blocks.B1.score: nombre trop long")


# --- filling the tools as a user would --------------------------------------------------------

def test_score_commercial_sedentaire_grid(simulator):
    page = simulator
    tool = panel(page, "Score")
    field(tool, "CQP", exact=True).select_option("commercial-sedentaire")
    field(tool, "Voie d'accès").select_option("formation")
    ref = checker.referentiel.load()["cqps"]["commercial-sedentaire"]
    b1 = ref["blocks"][0]
    values = {}
    for i, comp in enumerate(b1["competences"]):
        c = comp["id"]
        jury = 10 if i == 0 else 80  # the first competence below the minimum
        values[c] = {"questionnaire": 70, "tuteur": 60, "jury": jury}
        for k, v in values[c].items():
            field(tool, f"{c} — {k} (%)").fill(str(v))
    verdict = checker.score({"cqp": "commercial-sedentaire", "route": "formation",
                             "blocks": {b1["id"]: values}})
    box = wait_verdict(page, "Score")
    # The last mark typed may still be on its way (each change is evaluated after a pause): an
    # earlier verdict (C1.1 already under its minimum, the average not yet under 70 %) names
    # C1.1 in its headline too, and the summary a screen reader hears follows the headline after
    # a pause of its own. Read the screen once both say the final headline.
    page.wait_for_function("(title) => ['.cqp-outcome', '.cqp-verdict-summary'].every((s) => "
                           "document.querySelector('#outil-score ' + s)?.textContent"
                           ".replace(/\\u00a0/g, ' ').includes(title))", arg=plain(verdict["outcome"]["title"]))
    text = read(box)
    b = verdict["blocks"][b1["id"]]
    # B2 and B3 not taken: the headline is B1's, with its figures (issue 20), typeset.
    assert plain(verdict["outcome"]["title"]) in text
    assert f"moyenne {fr(b['average'])} %" in text
    first = b1["competences"][0]["id"]
    assert first in b["below_minimum"]
    # the block's sentence names the competence below its minimum, once
    assert len(re.findall(re.escape(first) + r" à [\d,]+ %, sous le minimum", text)) == 1
    for sentence in verdict["explanations"]:
        assert plain(sentence) in text
    for ref_ in verdict["references"]:
        link = box.get_by_role("link", name=ref_["title"]).first
        assert link.get_attribute("href") == f"../{ref_['page']}"


def test_score_vendeur_conseil_distance_domains(simulator):
    page = simulator
    tool = panel(page, "Score")
    field(tool, "CQP", exact=True).select_option("vendeur-conseil-distance")
    field(tool, "Date de la session").fill("2026-06-15")
    field(tool, "DC1 — indicateurs évalués positivement").fill("16")
    field(tool, "DC1 — indicateurs du référentiel (total, tous à évaluer)").fill("20")
    field(tool, "DC2 : situation").select_option(label="Validé lors d'une session antérieure")
    field(tool, "DC2 — épreuve réussie le").fill("01/02/2025")
    text = read(wait_verdict(page, "Score"))
    expected = checker.score({"cqp": "vendeur-conseil-distance", "route": "formation",
                              "session_date": "2026-06-15",
                              "domains": {"DC1": {"positive": 16, "total": 20},
                                          "DC2": {"validated_on": "2025-02-01"}}})
    assert expected["outcome"]["title"] in text
    assert "16 indicateurs positifs sur 20, soit 80 %" in text
    assert "son bénéfice court jusqu'au lundi 1er février 2027" in text


def test_field_errors_show_the_checkers_message_next_to_the_field(simulator):
    page = simulator
    tool = panel(page, "Score")
    field(tool, "CQP", exact=True).select_option("vendeur-conseil-distance")
    positive = field(tool, "DC1 — indicateurs évalués positivement")
    positive.fill("21")
    field(tool, "DC1 — indicateurs du référentiel (total, tous à évaluer)").fill("20")
    wait_verdict(page, "Score")
    with pytest.raises(checker.SituationError) as expected:
        checker.score({"cqp": "vendeur-conseil-distance", "route": "formation",
                       "domains": {"DC1": {"positive": 21, "total": 20}}})
    faulty = page.locator(f"[data-key='domains/DC1/{expected.value.path.split('.')[-1]}']")
    assert faulty.get_attribute("aria-invalid") == "true"
    described = faulty.get_attribute("aria-describedby").split()
    messages = [read(page.locator(f"#{i}")) for i in described]
    # the checker's French message, naming the field by its label (contract v1.1 errors)
    assert expected.value.errors[0]["message"] in messages
    assert not re.search(r"\bpositive\b|\bmissing\b|domains\.", " ".join(messages))
    # out of range in the grid, and an impossible date
    field(tool, "CQP", exact=True).select_option("commercial-sedentaire")
    field(tool, "Voie d'accès").select_option("formation")
    for comp in checker.referentiel.load()["cqps"]["commercial-sedentaire"]["blocks"][0]["competences"]:
        for k in ("questionnaire", "tuteur", "jury"):
            field(tool, f"{comp['id']} — {k} (%)").fill("75")
    cell = field(tool, "C1.1 — jury (%)")
    cell.fill("120")
    wait_verdict(page, "Score")
    assert cell.get_attribute("aria-invalid") == "true"
    assert read(page.locator("#score-c1-1-jury-error")).startswith("C1.1 — jury (%) :")
    field(tool, "CQP", exact=True).select_option("vendeur-conseil-distance")
    date = field(tool, "Date de la session")
    date.fill("2026-02-30")
    wait_verdict(page, "Score")
    assert date.get_attribute("aria-invalid") == "true"
    with pytest.raises(checker.SituationError) as expected:
        checker.score({"cqp": "vendeur-conseil-distance", "route": "formation",
                       "session_date": "2026-02-30", "domains": {"DC1": {"positive": 16, "total": 20}}})
    assert read(page.locator("#score-session-date-error")) == expected.value.errors[0]["message"]
    assert page.evaluate("CQP.status") == "ready"  # never a frozen page


def test_eligibility_candidate(simulator):
    page = simulator
    tool = panel(page, "Éligibilité")
    field(tool, "Qui vérifier ?").select_option("candidate-vcd")
    field(tool, "Voie d'accès").select_option("formation")
    field(tool, re.compile("^Mois de pratique")).fill("5")
    answer(tool, "L'entreprise d'accueil relève de la branche")
    for name in ("Le tuteur est volontaire", "Le tuteur est expérimenté",
                 "Le tuteur est salarié de l'entreprise d'accueil", "Le tuteur est choisi par l'employeur"):
        answer(tool, name)
    box = wait_verdict(page, "Éligibilité")
    expected = checker.eligibility({
        "subject": "candidate", "cqp": "vendeur-conseil-distance", "route": "formation",
        "practice_months": 5, "company_in_branch": True, "region": "metropole",
        "tutor": {"volunteer": True, "experienced": True, "employee_of_host_company": True,
                  "chosen_by_employer": True, "is_employer": False}})
    assert not expected["eligible"]
    text = read(box)
    assert "Non éligible" in text
    for c in expected["checks"]:
        assert plain(c["message"]) in text
    field(tool, re.compile("^Mois de pratique")).fill("6")
    page.wait_for_function("() => document.querySelector('#outil-eligibilite .cqp-outcome').textContent.includes('Éligible')")


def test_eligibility_jury_commercial_sedentaire(simulator):
    page = simulator
    tool = panel(page, "Éligibilité")
    field(tool, "Qui vérifier ?").select_option("jury-cs")
    for n in (1, 2):
        answer(tool, f"Membre {n} : professionnel extérieur à l'entreprise du candidat")
    answer(tool, "Membre 1 : connaît le candidat", "Non")
    answer(tool, "Membre 2 : connaît le candidat")
    text = wait_verdict(page, "Éligibilité").inner_text()
    assert "Non éligible" in text


@pytest.mark.parametrize("route", ["formation", "vae"])
def test_eligibility_candidate_commercial_sedentaire(simulator, route):
    """Issue 20: the CS candidate has a path. The livret asks nothing before the formation; by the
    VAE, the recevabilité and the dossier déclaratif are others' decisions, said with who
    decides, neutral, never a failure; the result reads as the checker writes it."""
    page = simulator
    tool = panel(page, "Éligibilité")
    field(tool, "Qui vérifier ?").select_option("candidate-cs")
    field(tool, "Voie d'accès").select_option(route)
    expected = checker.eligibility({"subject": "candidate", "cqp": "commercial-sedentaire", "route": route})
    page.wait_for_function("(t) => document.querySelector('#outil-eligibilite .cqp-outcome').textContent.includes(t)",
                           arg=expected["outcome"]["title"])
    box = wait_verdict(page, "Éligibilité")
    text = plain(box.inner_text())
    assert tool.locator(".cqp-outcome--ko, .cqp-badge--ko").count() == 0
    assert "Conditions vérifiées" not in text  # nothing is checked: no empty list of checks
    for step in expected["next_steps"]:
        assert plain(step["text"]) in text
    for item in expected["to_prepare"]:
        assert plain(item["message"]) in text and plain(item["decided_by"]) in text
    if route == "vae":
        assert "cqp-outcome--none" in box.locator(".cqp-outcome").first.get_attribute("class")
        assert "Qui en décide" in text and "organisme évaluateur VAE" in text


def test_deadlines_and_ics(simulator):
    page = simulator
    tool = panel(page, "Calendrier")
    field(tool, "Voie d'accès").select_option("formation")
    field(tool, "Région (jours fériés)").select_option("alsace-moselle")
    field(tool, "Date de la session d'évaluation").fill("2026-06-15")
    box = wait_verdict(page, "Calendrier")
    expected = checker.deadlines({"cqp": "vendeur-conseil-distance", "route": "formation",
                                  "region": "alsace-moselle", "session_date": "2026-06-15"})
    text = box.inner_text()
    for d, said in zip(expected["deadlines"], expected["display"]["rows"]):
        # the date as the checker writes every date, with its weekday (« vendredi 22 mai 2026 »)
        assert said["date"] == long_date(date.fromisoformat(d["date"]))
        assert said["date"] in text and d["label"] in text
    with page.expect_download() as dl:
        box.get_by_role("button", name="Télécharger le calendrier (.ics)").click()
    ics = Path(dl.value.path()).read_bytes().decode("utf-8")
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert ics.count("BEGIN:VEVENT") == len(expected["deadlines"])
    unfolded = ics.replace("\r\n ", "")
    # French words, the page that explains each deadline, a reminder, the document by its title
    for d in expected["deadlines"]:
        assert f"SUMMARY:{d['label']}" in unfolded
        assert f"/{d['page'].split('#')[0]}#{d['page'].split('#')[1]}" in unfolded
    assert unfolded.count("BEGIN:VALARM") == len(expected["deadlines"]) and "TRIGGER:-P3D" in unfolded
    assert "Cahier des charges du CQP Vendeur conseil à distance" in unfolded
    assert ".txt" not in unfolded and "session_date" not in unfolded
    uids = re.findall(r"^UID:(.+)$", unfolded, re.M)
    assert len(set(uids)) == len(uids)
    # another candidate's calendar does not reuse the same identities
    field(tool, "Date de la session d'évaluation").fill("2026-06-16")
    box = wait_verdict(page, "Calendrier")
    with page.expect_download() as dl2:
        box.get_by_role("button", name="Télécharger le calendrier (.ics)").click()
    other = Path(dl2.value.path()).read_bytes().decode("utf-8").replace("\r\n ", "")
    assert not set(uids) & set(re.findall(r"^UID:(.+)$", other, re.M))
    for d in expected["deadlines"]:
        assert f"DTSTART;VALUE=DATE:{d['date'].replace('-', '')}" in ics
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))


# --- state that is never lost ----------------------------------------------------------------

VAE_SITUATION = {"cqp": "commercial-sedentaire", "route": "vae", "blocks": {"B1": {"score": 72}, "B2": {"score": 69.5}}}


def _fill_vae(page):
    tool = panel(page, "Score")
    field(tool, "CQP", exact=True).select_option("commercial-sedentaire")
    field(tool, "Voie d'accès").select_option("vae")
    field(tool, re.compile("^B1 — score")).fill("72")
    field(tool, re.compile("^B2 — score")).fill("69,5")
    return tool


def test_share_link_round_trip(simulator, browser):
    page = simulator
    tool = _fill_vae(page)
    wait_verdict(page, "Score")
    tool.get_by_role("button", name="Copier le lien de partage").click()
    link = tool.locator(".cqp-share-link").get_attribute("href")
    fragment = link.split("#", 1)[1]
    assert fragment.startswith("s=") and "=" not in fragment[2:]
    payload = json.loads(base64.urlsafe_b64decode(fragment[2:] + "=" * (-len(fragment[2:]) % 4)))
    # Values as typed (« 69,5 » stays so): the checker reads them.
    situation = {"cqp": "commercial-sedentaire", "route": "vae", "blocks": {"B1": {"score": "72"}, "B2": {"score": "69,5"}}}
    assert payload == {"check": "score", "situation": situation}
    other = browser.new_context(locale="fr-FR", service_workers="block")  # nothing saved there: the link alone restores
    try:
        p2 = other.new_page()
        p2.goto(link)
        p2.wait_for_function(READY, timeout=60_000)
        t2 = p2.get_by_role("tabpanel", name="Score")
        assert field(t2, re.compile("^B2 — score")).input_value() == "69,5"
        p2.wait_for_function("() => document.querySelector('#outil-score .cqp-outcome')")
        text = t2.locator(".cqp-verdict").inner_text()
        verdict = checker.score(situation)
        assert verdict["outcome"]["title"] in text and not verdict["certified"]
        assert "#s=" in p2.url  # the address keeps the situation shown: it can be bookmarked
    finally:
        other.close()


def test_autosave_survives_reload_and_reset_clears_it(simulator):
    page = simulator  # the shared page, reloaded as a person would (the next test resets it)
    _fill_vae(page)
    wait_verdict(page, "Score")
    page.reload()
    page.wait_for_function(READY, timeout=60_000)
    tool = page.get_by_role("tabpanel", name="Score")
    assert page.get_by_role("tab", name="Score").get_attribute("aria-selected") == "true"
    assert field(tool, re.compile("^B1 — score")).input_value() == "72"
    page.wait_for_function("() => document.querySelector('#outil-score .cqp-outcome')")
    assert checker.score(VAE_SITUATION)["outcome"]["title"] in tool.locator(".cqp-verdict").inner_text()
    stored = json.loads(page.evaluate("localStorage.getItem('cqp-simulateur:v1')"))
    assert stored["tools"]["score"]["situation"]["blocks"]["B1"] == {"score": "72"}
    tool.get_by_role("button", name="Réinitialiser").click()
    page.get_by_role("dialog", name="Effacer vos réponses ?").get_by_role("button", name="Effacer les réponses").click()
    page.reload()
    page.wait_for_function(FORMS_WIRED)  # the form is filled from storage before the engine is up
    assert page.locator("#score-vae-b1").input_value() == ""


def test_export_then_import(simulator, tmp_path):
    page = simulator
    tool = _fill_vae(page)
    with page.expect_download() as dl:
        tool.get_by_role("button", name="Enregistrer mes réponses dans un fichier").click()
    exported = json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))
    code, out, _ = cli_run("score", exported)
    assert code == 0 and json.loads(out)["blocks"]["B1"]["validated"] is True
    tool.get_by_role("button", name="Réinitialiser").click()
    page.get_by_role("dialog", name="Effacer vos réponses ?").get_by_role("button", name="Effacer les réponses").click()
    assert page.locator("#score-vae-b1").input_value() == ""
    f = tmp_path / "situation.json"
    f.write_text(json.dumps(exported), encoding="utf-8")
    tool.get_by_label("Reprendre des réponses enregistrées").set_input_files(str(f))
    page.wait_for_function("() => document.querySelector('#score-vae-b1').value === '72'")


def test_print_view_has_date_and_version(simulator):
    page = simulator
    _fill_vae(page)
    wait_verdict(page, "Score")
    page.emulate_media(media="print")
    meta = page.get_by_role("tabpanel", name="Score").get_by_text("Résultat établi le")
    assert meta.is_visible()
    version = checker.referentiel.load()["cqps"]["commercial-sedentaire"]["version"]
    assert f"version {version}" in meta.inner_text()
    assert not page.locator("#outil-score form.cqp-form").is_visible()


# --- failure, keyboard, accessibility, privacy -----------------------------------------------

@pytest.mark.audit  # a failure path of the engine's loading: make audit (README, Tests)
def test_failure_path_when_webassembly_cannot_load(page, base_url, external_requests):
    page.route("**/*.wasm", lambda route: route.abort())
    page.goto(f"{base_url}/simulateur/")
    page.wait_for_function(READY, timeout=60_000)
    assert page.evaluate("CQP.status") == "failed"
    alert = page.get_by_role("alert")
    assert "n'a pas pu se charger" in alert.inner_text()
    assert page.evaluate("CQP.ready.then(() => 'resolved', () => 'rejected')") == "rejected"
    # the forms still work and save; the rest of the page is untouched
    tool = panel(page, "Score")
    field(tool, "CQP", exact=True).select_option("commercial-sedentaire")
    assert page.get_by_role("navigation").first.is_visible()
    page.unroute("**/*.wasm")
    alert.get_by_role("button", name="Réessayer").click()
    page.wait_for_function("CQP.status === 'ready'", timeout=60_000)
    page.wait_for_function("() => document.querySelector('#outil-score .cqp-outcome')")
    assert external_requests == []


def test_tabs_work_with_the_keyboard(simulator):
    page = simulator
    page.get_by_role("tab", name="Éligibilité").click()
    page.keyboard.press("ArrowRight")
    assert page.get_by_role("tab", name="Score").get_attribute("aria-selected") == "true"
    assert page.get_by_role("tabpanel", name="Score").is_visible()
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.textContent") == "Calendrier"


def test_no_axe_violation_before_python_is_ready(page, base_url, axe_source):
    # The engine's WebAssembly is held back while axe reads the page: what is checked is the
    # page as it shows while the engine loads, however fast it would otherwise be ready.
    held = []
    page.route("**/*.wasm", lambda route: held.append(route))
    page.goto(f"{base_url}/simulateur/")
    for scheme in ("light", "dark"):
        palette(page, scheme)
        violations = run_axe(page, axe_source, colours_only=scheme == "dark")
        assert violations == [], (scheme, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations])
    assert page.evaluate("CQP.status") == "loading"
    for route in held:
        route.continue_()


def test_no_axe_violation_after_a_verdict(simulator, axe_source):
    page = simulator
    for scheme in ("light", "dark"):
        palette(page, scheme)
        for name in ("Éligibilité", "Score", "Calendrier"):
            panel(page, name)
            wait_verdict(page, name)
            violations = run_axe(page, axe_source, colours_only=scheme == "dark")
            assert violations == [], (scheme, name, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations])
    tool = panel(page, "Score")
    field(tool, "CQP", exact=True).select_option("commercial-sedentaire")
    field(tool, "Voie d'accès").select_option("formation")
    field(tool, "C1.1 — jury (%)").fill("150")  # an error shown next to the field
    wait_verdict(page, "Score")
    for scheme in ("light", "dark"):
        palette(page, scheme)
        violations = run_axe(page, axe_source, colours_only=scheme == "dark")
        assert violations == [], (scheme, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations])


def test_verdict_is_in_a_live_region(simulator):
    page = simulator
    _fill_vae(page)
    wait_verdict(page, "Score")
    title = checker.score(VAE_SITUATION)["outcome"]["title"]
    # said once the person pauses (the live region is not updated at each keystroke)
    page.wait_for_function("(t) => document.querySelector(\"#outil-score [aria-live='polite']\").textContent.includes(t)", arg=title)


def test_every_field_is_labelled(simulator):
    page = simulator
    unlabelled = page.evaluate("""() => [...document.querySelectorAll(
        '.cqp-sim input:not([type=hidden]), .cqp-sim select')].filter((el) =>
        !el.labels?.length && !el.getAttribute('aria-label') && !el.closest('label')).map((el) => el.id)""")
    assert unlabelled == []


def test_site_search_still_works_on_this_page(page, base_url):
    # The theme's search waits until Python is ready here (see docs/simulateur/boot.js);
    # a query typed while Python loads is answered then.
    page.goto(f"{base_url}/simulateur/")
    page.locator(".md-search__input").click()
    page.keyboard.type("jury")
    page.wait_for_function(READY, timeout=60_000)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=20_000)
    assert results.count() > 0


def test_a_shared_situation_the_form_cannot_show_is_judged_as_given(simulator):
    page = simulator
    # Three jury members: the form has two; the verdict must still be the CLI's on the link.
    member = {"role": "external", "from_host_company": False, "habilitated": True}
    situation = {"subject": "jury", "cqp": "vendeur-conseil-distance",
                 "members": [{"role": "organism", "involved_in_candidate_path": False, "habilitated": True},
                             member, member]}
    code, out, _ = cli_run("eligibility", situation)
    expected = json.loads(out)
    assert code == 0 and not expected["eligible"]
    payload = json.dumps({"check": "eligibility", "situation": situation}).encode()
    fragment = base64.urlsafe_b64encode(payload).decode().rstrip("=")
    open_shared(page, f"#s={fragment}")
    tool = page.get_by_role("tabpanel", name="Éligibilité")
    assert tool.locator(".cqp-action-note").inner_text().startswith("Le lien de partage contient")
    wait_verdict(page, "Éligibilité")
    text = read(tool.locator(".cqp-verdict"))
    for check in expected["checks"]:
        assert plain(check["message"]) in text
