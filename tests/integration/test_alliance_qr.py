"""An alliance issuer's dynamic member QR at a partner's till: verified offline with the
issuer's public QR keys only (as the grant brought them), once, while fresh; then the card is
recognised from the roster as a card is. Another merchant's code no agreement honours is
refused as such."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest

from desktop.bootstrap import App
from domain import dynamicqr
from domain.cards import make_card_number
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.services import cart as carts
from domain.services import till
from sync import credentials
from sync.signing import KeyPair
from tests.integration.test_alliance_till import ISSUER_CARD, OTHER_CARD, setup

ISSUER_KEY = KeyPair.generate()  # the issuer's QR key, as head office derives it


def give_keys(app: App, by_brand: dict[str, tuple[str, ...]]) -> None:
    """What a grant leaves in the till's credentials (sync/credentials.py keep_issuer_keys)."""
    credentials.save(credentials.path_for(app.store.path), credentials.Credentials(
        server="http://127.0.0.1:1", terminal_id="t1", private_key=KeyPair.generate()
        .private_text(), qr_keys=(KeyPair.generate().public_text(),),
        alliance_qr_keys=by_brand))


def sale(app: App, cashier: str) -> till.TillSale:
    return till.TillSale(cart=carts.start_sale(app.ctx, cashier))


def code(app: App, number: str, key: KeyPair = ISSUER_KEY) -> str:
    return dynamicqr.make_payload(number, app.ctx.now(), key.private.sign, os.urandom(6))


def test_an_issuers_qr_verifies_with_its_public_key_once(app: App, clock: FixedClock) -> None:
    cashier = setup(app)
    give_keys(app, {"77": (KeyPair.generate().public_text(), ISSUER_KEY.public_text())})
    seen = dynamicqr.SeenNonces(clock, ttl_s=app.ctx.pack.cards.dynamic_qr_ttl_s)
    shown = code(app, ISSUER_CARD)
    done = till.attach_code(app.ctx, sale(app, cashier), shown, scanned=True, seen=seen)
    assert done.member is None and done.cart.alliance is not None
    assert done.cart.alliance.card.card_number == ISSUER_CARD
    with pytest.raises(DomainError) as err:  # a screenshot shown again
        till.attach_code(app.ctx, sale(app, cashier), shown, seen=seen)
    assert err.value.code == "card.qr_replayed"


def test_consent_ttl_and_the_issuers_key_are_all_required(app: App, clock: FixedClock) -> None:
    cashier = setup(app)
    give_keys(app, {"77": (ISSUER_KEY.public_text(),)})
    refusals = []
    for shown in (code(app, OTHER_CARD),  # a genuine code of a member not on the roster
                  code(app, ISSUER_CARD, KeyPair.generate())):  # signed by someone else
        with pytest.raises(DomainError) as err:
            till.attach_code(app.ctx, sale(app, cashier), shown)
        refusals.append(err.value.code)
    stale = code(app, ISSUER_CARD)
    clock.advance(timedelta(seconds=app.ctx.pack.cards.dynamic_qr_ttl_s + 31))
    with pytest.raises(DomainError) as err:
        till.attach_code(app.ctx, sale(app, cashier), stale)
    assert [*refusals, err.value.code] == ["alliance.card_not_recognised",
                                           "card.qr_bad_signature", "card.qr_expired"]


def test_without_the_issuers_key_or_an_agreement_the_code_is_refused_as_not_honoured(
        app: App) -> None:
    cashier = setup(app)
    give_keys(app, {})  # agreement pulled, no grant since: no key of the issuer yet
    with pytest.raises(DomainError) as err:
        till.attach_code(app.ctx, sale(app, cashier), code(app, ISSUER_CARD))
    assert err.value.code == "alliance.qr_not_honoured"
    stranger = make_card_number("55", "1", "3101", 1)  # a merchant no agreement here honours
    with pytest.raises(DomainError) as err:
        till.attach_code(app.ctx, sale(app, cashier), code(app, stranger))
    assert err.value.code == "alliance.qr_not_honoured"
