"""What every situation starts with: which CQP and which route."""
from __future__ import annotations

from . import inputs, referentiel
from .referentiel import Cqp

ROUTES = ("formation", "vae")


def read_cqp(situation: object) -> tuple[dict, Cqp]:
    s = inputs.obj(situation, "", "un objet JSON (la situation)")
    cqp_id = inputs.choice(s, "cqp", "", referentiel.cqp_ids())
    return s, referentiel.cqp(cqp_id)


def read_route(s: dict, cqp: Cqp, required: bool = True) -> str | None:
    routes = [r for r in ROUTES if r in cqp.data["routes"]]
    if not required and not inputs.present(s, "route"):
        return None
    return inputs.choice(s, "route", "", routes)
