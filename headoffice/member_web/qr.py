"""QR codes drawn as inline SVG (the page's CSP allows no image from elsewhere, nor data: URLs),
and the dynamic member QR signed with the merchant's key."""

from __future__ import annotations

import os
import re
from datetime import datetime

import qrcode
import qrcode.image.svg
from markupsafe import Markup

from domain import dynamicqr
from headoffice.keys import AnswerKeys
from sync import qrkeys

_SIZE = re.compile(r'\s(width|height)="[^"]*"')


def svg(text: str, label: str) -> Markup:
    """`text` as a QR in SVG, sized by the page's CSS, with `label` for screen readers."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4,
                         image_factory=qrcode.image.svg.SvgPathImage)
    code.add_data(text)
    code.make(fit=True)
    drawn = code.make_image().to_string(encoding="unicode")
    drawn = drawn[drawn.index("<svg"):]  # no XML declaration inside HTML
    head, rest = drawn.split(">", 1)
    head = _SIZE.sub("", head)
    rest = rest.replace(' id="qr-path"', "")  # one page shows several codes: no shared id
    opening = Markup('<svg class="qr" role="img" focusable="false" aria-label="{}"').format(label)
    return opening + Markup(head[len("<svg"):] + ">" + rest)  # qrcode's own SVG, no input


def member_payload(keys: AnswerKeys, merchant_id: str, card_number: str, now: datetime) -> str:
    """A fresh dynamic QR payload for the card, signed with the merchant's current QR key (the
    first: a rotation's new key is learnt by the tills before it signs, docs/web.md)."""
    pair = qrkeys.merchant_pairs(keys.pairs, merchant_id)[0]
    return dynamicqr.make_payload(card_number, now, pair.private.sign,
                                  os.urandom(dynamicqr.NONCE_BYTES))
