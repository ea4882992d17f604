"""What every situation starts with: which CQP and which route."""
from __future__ import annotations

from . import referentiel, wording
from .inputs import INVALID, Reader
from .referentiel import Cqp

ROUTES = ("formation", "vae")


def read_cqp(situation: object, check: str) -> tuple[Reader, dict, Cqp]:
    """The reader of this situation, the situation and its CQP; without a valid CQP nothing
    else can be read, so that problem is raised at once."""
    r = Reader(situation, check)
    s = r.obj(situation, (), "un objet JSON (la situation)")
    if s is INVALID:
        r.done()
    cqp_id = r.choice(s, "cqp", (), referentiel.cqp_ids(),
                      [referentiel.load()["cqps"][c]["title"] for c in referentiel.cqp_ids()])
    if cqp_id is INVALID:
        r.done()
    cqp = referentiel.cqp(cqp_id)
    r.cqp = cqp.data
    return r, s, cqp


def read_route(r: Reader, s: dict, cqp: Cqp, required: bool = True) -> str | None:
    routes = [x for x in ROUTES if x in cqp.data["routes"]]
    if not required and not r.present(s, "route"):
        return None
    return r.choice(s, "route", (), routes, [wording.route_label(x) for x in routes])
