"""`kaika-headoffice` refuses in sentences: every code head office raises has one, and the
command line prints it with the figures and the code in brackets."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from domain.errors import DomainError
from headoffice.messages import SENTENCES, say
from tests.sync.harness import BIN, Server

HEADOFFICE = Path(__file__).resolve().parents[2] / "headoffice"
RAISED = re.compile(r"(?:DomainError|NotFound|ValidationError|HeadOfficeError)"
                    r"\(\s*\"([a-z_]+\.[a-z_.]+)\"")


def test_every_code_head_office_raises_has_a_sentence() -> None:
    raised = {code for path in HEADOFFICE.rglob("*.py")
              for code in RAISED.findall(path.read_text(encoding="utf-8"))}
    assert len(raised) > 20
    assert raised <= set(SENTENCES), sorted(raised - set(SENTENCES))


def test_a_refusal_is_a_sentence_with_its_figures_and_code() -> None:
    assert say(DomainError("store.unknown", store="S009")) == (
        "kaika-headoffice: There is no such store. (store=S009) [store.unknown]")


def test_the_command_line_prints_the_sentence(server: Server) -> None:
    done = subprocess.run([str(BIN / "kaika-headoffice"), "revoke", "--db", server.db_url,
                           "--terminal", "no-such-terminal"], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip() == ("kaika-headoffice: There is no such terminal. "
                                   "(terminal_id=no-such-terminal) [terminal.unknown]")
