"""One table of event types: what the services emit (domain/event_types.py, one payload class
of domain/events.py each), the wire model each is parsed with (sync/payloads.py), head office's
tenancy rule and the ingest step that applies it all name the same types, and no module spells
one as a string of its own."""

from __future__ import annotations

import ast
from pathlib import Path

from domain.event_types import EventType
from domain.events import PAYLOAD_CLASSES
from headoffice import ingest, tenancy_rules
from sync.payloads import PAYLOADS

ROOT = Path(__file__).resolve().parents[2]
WIRE_TEXTS = {t.value for t in EventType}
# The event module itself, and the table of error messages, keyed by error codes of which one
# ("coupon.expired": a refusal at the till) happens to read like the event.
SPELT_AS_ERRORS = {"event_types.py", "feedback.py"}


def test_every_type_has_a_payload_a_wire_model_a_tenancy_rule_and_an_ingest_step() -> None:
    every = set(EventType)
    assert set(PAYLOAD_CLASSES) == every
    assert set(PAYLOADS) == every
    assert set(tenancy_rules.RULES) == every
    assert every == ingest.APPLIED


def _spelt(path: Path) -> list[tuple[int, str]]:
    """String constants equal to an event type's wire text, except an error's code (a
    `DomainError("coupon.expired")` is a refusal, not the event)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    codes = {id(call.args[0]) for call in ast.walk(tree)
             if isinstance(call, ast.Call) and call.args
             and ast.unparse(call.func).split(".")[-1].endswith(("Error", "Refused"))}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in WIRE_TEXTS
            and id(node) not in codes]


def test_no_module_spells_an_event_type_as_a_string() -> None:
    found = {str(p.relative_to(ROOT)): spelt
             for folder in ("domain", "sync", "headoffice", "db", "desktop")
             for p in sorted((ROOT / folder).rglob("*.py"))
             if "migrations" not in p.parts and p.name not in SPELT_AS_ERRORS
             and (spelt := _spelt(p))}
    assert found == {}
