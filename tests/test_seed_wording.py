"""Words no stronger than the seeds (issue 20): each overstatement a reader found, as a test that
fails when it comes back, over every verdict of the situation files (what the CLI and the
simulator say: outcome, explanations, next steps, display) and over the built site.

Each test quotes the seed it rests on where the seeds are present (`shared/seeds/`, beside the
checkout); without them, only our own words are checked.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import checker
from situation_files import situation_cases
from what_people_read import pages

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
VCD_SEED, CS_SEED = "000_4a2d85e21070ab15.txt", "003_6d76e15fd85beffe.txt"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


def _seed_says(name: str, *passages: str) -> None:
    path = SEEDS / name
    if not path.exists():
        return
    text = _flat(path.read_text(encoding="utf-8"))
    for passage in passages:
        assert passage in text, passage


def _texts(node) -> list[str]:
    """Every string a person may read in a verdict (its trace and references apart)."""
    if isinstance(node, dict):
        return [t for k, v in node.items() if k not in ("trace", "references", "page", "rule", "id", "state",
                                                         "path", "kind", "structure")
                for t in _texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return [_flat(node)] if isinstance(node, str) else []


def _verdict(check: str, situation: dict) -> dict:
    return checker.evaluate(check, situation)


VERDICTS = {}
for _case in situation_cases():
    try:
        VERDICTS[f"{_case['file']}::{_case['name']}"] = (_case, checker.evaluate(_case["check"], _case["situation"]))
    except checker.SituationError:
        pass

CS_B2_ONLY = {"cqp": "commercial-sedentaire", "route": "formation", "blocks": {"B2": {
    c: {"questionnaire": 61.83, "tuteur": 61.83, "jury": 61.83} for c in ("C2.1", "C2.2", "C2.3", "C2.4", "C2.5", "C2.6")}}}


def _said(pattern: str, flags=re.I) -> dict[str, list[str]]:
    found = {}
    for key, (_, verdict) in VERDICTS.items():
        hits = [t for t in _texts(verdict) if re.search(pattern, t, flags)]
        if hits:
            found[key] = hits
    return found


# --- « délivré » said of a block ------------------------------------------------------------

BLOCK_DELIVERED = r"(vous est délivré|est délivré en tant que|sont délivrés en tant que|blocs? de compétences délivrés?|délivré\(s\))"


def test_no_verdict_says_a_block_is_delivered():
    # The livret sets conditions « pour la délivrance d'un bloc de compétences »; it names no one
    # who delivers it, and the simulator delivers nothing.
    _seed_says(CS_SEED, "pour la délivrance d'un bloc de compétences")
    assert not _said(BLOCK_DELIVERED)


def test_a_cs_verdict_with_a_block_met_says_its_conditions_are_met():
    case, verdict = VERDICTS["score-commercial-sedentaire.yaml::bloc1-tout-a-70"]
    assert any("B1 remplit les conditions de la délivrance d'un bloc de compétences" in t
               for t in verdict["explanations"])


@pytest.mark.site
def test_no_page_says_the_simulator_delivers_a_block():
    said = {page: [line for line in lines if re.search(BLOCK_DELIVERED, _flat(line), re.I)
                   or "Chaque bloc validé" in line]
            for page, lines in pages().items()}
    assert not {p: lines for p, lines in said.items() if lines}


# --- « éligible » where the branch decides ---------------------------------------------------

def test_a_vae_candidate_is_not_called_eligible():
    # Only the kind of experience is checked here: « la branche se prononce sur la recevabilité
    # de la demande du candidat » (§4.1).
    _seed_says(VCD_SEED, "la branche se prononce sur la recevabilité de la demande du candidat")
    for name in ("candidat-vae-televente", "candidat-vae-sans-experience"):
        _, verdict = VERDICTS[f"eligibility.yaml::{name}"]
        assert "ligible" not in verdict["outcome"]["title"], verdict["outcome"]
    _, verdict = VERDICTS["eligibility.yaml::candidat-vae-televente"]
    assert any("elle se prononce sur sa recevabilité" in s["text"] for s in verdict["next_steps"])


# --- the evaluator's next step: the CGF checks first ----------------------------------------

def test_the_evaluator_next_step_says_the_cgf_checks_and_names_the_assessment_training():
    _seed_says(VCD_SEED, "de vérifier s'ils ont été formés à l'évaluation des compétences",
               "la CGF vérifie que les conditions ci-dessus sont remplies, puis transmet à AKTO")
    _, verdict = VERDICTS["eligibility.yaml::evaluateur-eligible"]
    text = " ".join(_flat(s["text"]) for s in verdict["next_steps"])
    assert "vous serez inscrit" not in text
    assert "La CGF vérifie que les conditions sont remplies" in text
    assert "formation à l'évaluation des compétences" in text


# --- the parchemin, after the jury paritaire decides -------------------------------------------

def test_no_parchemin_promised_before_the_jury_paritaire_decides():
    _seed_says(VCD_SEED, "Les parchemins et certificats sont accessibles via la plateforme digitale de gestion "
                         "des CQP à l'issue de la délibération du jury paritaire de certification")
    assert not _said(r"vous remet ensuite votre parchemin")
    positives = [v for c, v in VERDICTS.values()
                 if c["check"] == "score" and v["outcome"]["status"] == "positive" and v.get("cqp") != "commercial-sedentaire"
                 and c["situation"].get("cqp") == "vendeur-conseil-distance"]
    assert positives
    for verdict in positives:
        step = next(_flat(s["text"]) for s in verdict["next_steps"] if "parchemin" in s["text"])
        assert "S'il valide le CQP" in step, step


# --- the free resit, for those who failed an épreuve -------------------------------------------

def test_no_free_resit_note_for_a_carried_over_domain_that_expired():
    # The resit is offered to « candidats n'ayant pas réussi une des évaluations » (§5.5): a domain
    # whose benefit ended was réussi.
    _seed_says(VCD_SEED, "proposera aux candidats n'ayant pas réussi une des évaluations une session de rattrapage")
    for name in ("report-expire-le-lendemain", "report-depuis-un-29-fevrier-expire"):
        _, verdict = VERDICTS[f"score-vendeur-conseil-distance.yaml::{name}"]
        assert verdict["outcome"]["status"] == "negative"
        assert not [s for s in verdict["next_steps"] if "rattrapage" in s["text"]], verdict["next_steps"]
    failed = _verdict("score", {"cqp": "vendeur-conseil-distance", "route": "formation",
                                "domains": {"DC1": {"positive": 10, "total": 20}, "DC2": {"positive": 18, "total": 20}}})
    assert [s for s in failed["next_steps"] if "rattrapage" in s["text"]]


def test_an_expired_domain_is_said_réussi_then_expired_never_not_passed():
    _, verdict = VERDICTS["score-vendeur-conseil-distance.yaml::report-expire-le-lendemain"]
    part = next(p for p in verdict["display"]["parts"] if p["id"] == "DC2")
    assert part["label"] == "bénéfice expiré"
    assert "Épreuve non réussie" not in verdict["display"]["summary"]


# --- the CS VAE success names the organisme évaluateur VAE -------------------------------------

def test_the_cs_vae_success_names_the_organisme_evaluateur_vae():
    _seed_says(CS_SEED, "La recevabilité de la demande par l'organisme évaluateur VAE")
    positives = [v for c, v in VERDICTS.values() if c["check"] == "score" and c["situation"].get("route") == "vae"
                 and c["situation"].get("cqp") == "commercial-sedentaire" and v["outcome"]["status"] == "positive"]
    assert positives
    for verdict in positives:
        text = " ".join(s["text"] for s in verdict["next_steps"])
        assert "organisme évaluateur VAE" in text and "organisme de formation" not in text, text


# --- VCD: an épreuve réussie leads to a proposal; the jury paritaire validates ----------------

def test_no_vcd_verdict_says_a_domain_is_validated():
    # « L'épreuve est réussie si 80 % des indicateurs… » and the evaluators « formulent une
    # proposition de validation ou de non-validation de chaque domaine » (§3.4).
    _seed_says(VCD_SEED, "formulent une proposition de validation ou de non-validation de chaque domaine de compétences")
    found = {}
    for key, (case, verdict) in VERDICTS.items():
        if case["situation"].get("cqp") != "vendeur-conseil-distance" or case["check"] != "score":
            continue
        hits = [t for t in _texts(verdict) if re.search(r"\bDC\d\b[^.;]{0,3}(non )?validé|\b(non )?validés? : DC|^(non )?validé$", t, re.I)]
        if hits:
            found[key] = hits
    assert not found


# --- the old readings of the data ----------------------------------------------------------

def test_the_data_no_longer_reads_total_as_the_indicators_evaluated():
    site = (ROOT / "referentiels" / "site.yaml").read_text(encoding="utf-8")
    vcd = (ROOT / "referentiels" / "vendeur-conseil-distance.yaml").read_text(encoding="utf-8")
    assert "au moins 1 (indicateurs évalués)" not in site
    assert "l'ont été en tout" not in vcd


# --- a result starts with what the person entered ----------------------------------------------

def test_a_trainee_with_only_block_2_reads_block_2_first():
    verdict = _verdict("score", CS_B2_ONLY)
    assert _flat(verdict["outcome"]["title"]) == "Bloc B2 non validé : 61,83 % de moyenne pour 70 % requis"
    assert "who" not in verdict["outcome"]
    assert not [t for t in _texts(verdict) if "Conditions de validation du CQP non remplies" in t]
    assert any("B1 et B3 ne sont pas encore évalués" in t for t in verdict["explanations"])


def test_parts_not_taken_never_make_a_cqp_headline():
    for key, (case, verdict) in VERDICTS.items():
        if case["check"] != "score" or verdict["outcome"]["status"] != "negative":
            continue
        taken = {p["id"]: p["state"] for p in verdict["display"]["parts"]}
        if any(p["label"] == "pas encore évalué" for p in verdict["display"]["parts"]):
            assert "CQP" not in verdict["outcome"]["title"], (key, verdict["outcome"], taken)


def test_the_headline_names_a_competence_under_its_minimum():
    blocks = {c: {"questionnaire": 90, "tuteur": 90, "jury": 90} for c in ("C2.1", "C2.2", "C2.3", "C2.4", "C2.5")}
    blocks["C2.6"] = {"questionnaire": 40, "tuteur": 40, "jury": 40}
    verdict = _verdict("score", {"cqp": "commercial-sedentaire", "route": "formation", "blocks": {"B2": blocks}})
    assert _flat(verdict["outcome"]["title"]) == "Bloc B2 non validé : C2.6 à 40 %, sous le minimum de 50 % par compétence"



# --- numbers where they are meant ----------------------------------------------------------------

def test_one_and_a_half_years_is_singular():
    from checker.french import plural
    assert [plural(x, "an", "ans") for x in (0, 1, 1.5, 2)] == ["an", "an", "an", "ans"]


@pytest.mark.site
def test_pages_show_their_figures_and_read_forwards():
    every = {page: " ".join(_flat(line) for line in lines) for page, lines in pages().items()}
    text = " ".join(every.values())
    assert "exactement 3" not in text and "exactement 2" not in text
    assert "Retrait pour inactivité (moins de" not in text
    assert "durée minimale fixée" not in text and "pendant la durée fixée" not in text
    _seed_says(VCD_SEED, "pendant 5 années consécutives seront retirés de la liste des évaluateurs habilités")
    evaluator = every["evaluateur/index.html"]
    assert "pendant 5 ans consécutifs est retiré de la liste" in evaluator


# --- whom to turn to ----------------------------------------------------------------------------

@pytest.mark.site
def test_the_candidate_page_names_whom_to_turn_to_and_invents_no_address():
    # CS by VAE: « La recevabilité de la demande par l'organisme évaluateur VAE » ; VCD by VAE:
    # the candidate sends the request « à la branche » (§4.1); the seed's own contact is « xxx ».
    _seed_says(CS_SEED, "La recevabilité de la demande par l'organisme évaluateur VAE")
    _seed_says(VCD_SEED, "vous pouvez contacter : **xxx**")
    text = " ".join(_flat(line) for line in pages()["candidat/index.html"])
    assert "À qui vous adresser." in text
    assert "VAE : la branche (CPNEFP des commerces de gros)" in text
    assert "VAE : l'organisme évaluateur VAE : il se prononce sur la recevabilité" in text
    assert "Rien de cela n'est vérifié par ce site." in text
    # The publisher's contact is empty by default: no address, e-mail or telephone is printed.
    assert "Ce site ne publie pas de coordonnées" in text
    assert not re.search(r"@|\brue\b|\b0\d( ?\d\d){4}\b", text)


# --- the cohort table and its export: a VCD domain's épreuve is réussie ---------------------------

def test_the_cohort_table_never_says_a_vcd_domain_is_validated():
    # « L'épreuve est réussie si 80 % des indicateurs… », then a proposal to the jury paritaire
    # (§3.4): the cohort page's cells (and the CSV it exports, made of the same cells) say so.
    _seed_says(VCD_SEED, "formulent une proposition de validation ou de non-validation de chaque domaine de compétences")
    from checker.cohort import evaluate_batch, table_row

    csv = ("candidat;cqp;route;session_date;domains.DC1.positive;domains.DC1.total;domains.DC2.validated_on\r\n"
           "A;vendeur-conseil-distance;formation;15/06/2026;17;20;01/02/2025\r\n"
           "B;vendeur-conseil-distance;formation;15/06/2026;12;20;01/02/2023\r\n")
    rows = [table_row("score", r) for r in evaluate_batch("score", csv)]
    cells = [_flat(t) for row in rows for t in [*row["parts"].values(), *row["proposals"].values()]]
    assert cells and not [c for c in cells if re.search(r"\bvalidé\b", c)], cells
    assert any(c.startswith("épreuve réussie") for c in cells) and any("épreuve non réussie" in c for c in cells)


# --- the Commercial sédentaire candidate -------------------------------------------------------

def test_the_cs_candidate_is_told_what_the_livret_asks_and_who_decides():
    _seed_says(CS_SEED, "La recevabilité de la demande par l'organisme évaluateur VAE ;", "Le dossier déclaratif ;")
    formation = _verdict("eligibility", {"subject": "candidate", "cqp": "commercial-sedentaire", "route": "formation"})
    vae = _verdict("eligibility", {"subject": "candidate", "cqp": "commercial-sedentaire", "route": "vae"})
    assert formation["checks"] == [] and formation["outcome"]["status"] == "positive"
    assert "aucune condition" in _flat(formation["outcome"]["title"]).lower()
    # By the VAE nothing is checked here: neutral, never « Éligible », never a failure.
    assert vae["outcome"]["status"] == "neutral" and "ligible" not in vae["outcome"]["title"]
    assert [p["id"] for p in vae["to_prepare"]] == ["vae_admissibility", "vae_declarative_file"]
    assert all(p["message"] and p["decided_by"] and p["source"] for p in vae["to_prepare"])
    assert "organisme évaluateur VAE" in vae["to_prepare"][0]["decided_by"]
    said = " ".join(_texts(vae))
    assert "organisme évaluateur VAE" in said and "dossier déclaratif" in said
    # The VCD candidate's next steps (the branche, an organisme habilité) are not the CS's.
    assert "branche" not in " ".join(s["text"] for s in vae["next_steps"] + formation["next_steps"])


# --- next steps that link to a section ---------------------------------------------------------

def test_the_cs_rattrapage_step_opens_what_the_livret_does_not_provide_and_explains_benefice():
    verdict = _verdict("score", CS_B2_ONLY)
    steps = [s for s in verdict["next_steps"] if "rattrapage" in s["text"]]
    assert steps and all(s["page"] == "commercial-sedentaire/reglement/#silences-du-livret" for s in steps)
    # No block validated: nothing is said of a validated block's benefit or delivery alone.
    assert [s["text"] for s in verdict["next_steps"]] == [s["text"] for s in steps]
    b1 = {c["id"]: {"questionnaire": 80, "tuteur": 80, "jury": 80}
          for c in checker.referentiel.cqp("commercial-sedentaire").parts[0]["competences"]}
    verdict = _verdict("score", {**CS_B2_ONLY, "blocks": {"B1": b1, **CS_B2_ONLY["blocks"]}})
    assert verdict["blocks"]["B1"]["validated"] and not verdict["blocks"]["B2"]["validated"]
    benefit = [s for s in verdict["next_steps"] if "bénéfice" in s["text"]]
    assert benefit and "reste acquis" in _flat(benefit[0]["text"])
    assert benefit[0]["page"].endswith("#silences-du-livret")
    assert any("bloc de compétences seul" in _flat(s["text"]) for s in verdict["next_steps"])


def test_the_vcd_steps_about_a_domain_reussi_are_said_only_when_one_is():
    # Both domains failed: the rattrapage alone; one réussi: its benefit and « no partial
    # certificate » too (cahier des charges §5.2, §5.5).
    def steps(dc1: int) -> list[str]:
        verdict = _verdict("score", {"cqp": "vendeur-conseil-distance", "route": "formation",
                                     "session_date": "2026-06-15", "domains": {
                                         "DC1": {"positive": dc1, "total": 10}, "DC2": {"positive": 1, "total": 10}}})
        assert verdict["outcome"]["status"] == "negative"
        return [_flat(s["text"]) for s in verdict["next_steps"]]
    assert len(steps(1)) == 1 and "rattrapage" in steps(1)[0]
    assert len(steps(10)) == 3 and any("garde son bénéfice" in t for t in steps(10))
