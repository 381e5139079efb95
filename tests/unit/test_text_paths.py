"""`bad_path`'s quick check (two regex searches over gathered text) finds what the walk finds."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from domain.text import _bad_path, bad_path
from sync.payloads import PayloadProblem, parse_payload

# Mostly ordinary text, with the characters the rules treat differently mixed in.
_chars = st.sampled_from(["a", "张", " ", "\n", "\r", "\t", "\x00", "\x7f", "\x85", "\ud800",
                          "\u2028", "1"])
_text = st.lists(_chars, max_size=6).map("".join)
_json: Any = st.recursive(
    st.none() | st.integers() | st.booleans() | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=12)


@given(_json, st.booleans())
def test_quick_check_agrees_with_the_walk(value: Any, multiline: bool) -> None:
    assert bad_path(value, multiline=multiline) == _bad_path(value, multiline=multiline)


def test_a_line_break_is_refused_in_a_key_but_not_in_a_value() -> None:
    assert bad_path({"notes": "line 1\nline 2"}) is None
    assert bad_path({"a\nb": "x"}) == "a\nb"
    assert bad_path({"a": ["ok", {"b": "x\x00"}]}) == "a.1.b"
    assert bad_path({"a": "x\ny"}, multiline=False) == "a"


def test_a_payload_with_a_control_character_names_its_field() -> None:
    payload = {"id": "e1", "member_id": "m1", "kind": "adjust", "points": 5,
               "reason": "ok\x00"}
    try:
        parse_payload("points.entry", 1, payload)
    except PayloadProblem as problem:
        assert (problem.code, problem.params) == (
            "event.payload_invalid", {"field": "reason", "problem": "control_character"})
    else:
        raise AssertionError("a payload holding U+0000 was accepted")
