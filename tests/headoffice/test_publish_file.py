"""`kaika-headoffice publish FILE`: the catalogue file is checked whole before anything is
stored — each problem with its JSON path, exit 2 (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from headoffice.cli import main
from headoffice.publish import Publication

PRODUCT = {"sku": "A", "name": "外套", "price_fen": 15000}


def test_hyphen_class_is_the_underscore_token() -> None:
    doc = Publication.model_validate({"products": [{**PRODUCT, "class": "group-buy"}]})
    assert doc.products[0].product_class.value == "group_buy"


@pytest.mark.parametrize(("body", "expected"), [
    ({"products": [PRODUCT, {**PRODUCT, "price_fen": 1}]}, "duplicate products[].sku: A"),
    ({"products": [{**PRODUCT, "class": "vip"}]}, "$.products[0].class:"),
    ({"products": [{**PRODUCT, "price_fen": -1}]}, "$.products[0].price_fen:"),
    ({"rulepack": {"name": "x", "toml": "name = 1"}}, "$.rulepack.toml:"),
])
def test_a_bad_catalogue_is_refused_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                body: dict[str, object], expected: str) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    assert main(["publish", str(path), "--db", f"sqlite:///{tmp_path}/never.db"]) == 2
    assert expected in capsys.readouterr().err
    assert not (tmp_path / "never.db").exists()


@pytest.mark.parametrize("raw", [b"\xff\xfe{", b'{"products": [', b'{"x": NaN}'])
def test_a_file_that_is_not_json_is_refused(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "catalogue.json"
    path.write_bytes(raw)
    assert main(["publish", str(path)]) == 2


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["products", "sku", "name", "price_fen", "class", "barcode", "staff",
                         "number", "role", "gifts", "code", "rulepack", "toml", "merchant"]),
        inner, max_size=4),
    max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(data=json_values)
def test_random_documents_validate_or_name_the_problem(data: object) -> None:
    try:
        Publication.model_validate_json(json.dumps(data))
    except ValidationError as err:
        assert err.errors()


@pytest.mark.parametrize("rate", ["1.5", "0", "-0.1", "abc", "NaN"])
def test_a_percent_template_pays_between_nothing_and_everything(rate: str) -> None:
    body = {"coupon_templates": [{"code": "p", "name": "九折", "kind": "percent", "rate": rate,
                                  "valid_days": 30}]}
    with pytest.raises(ValidationError):
        Publication.model_validate_json(json.dumps(body))
