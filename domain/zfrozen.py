"""The Z-report as the day close stored it: to plain data and back, figure for figure."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from domain.reports import ShiftCash, TenderTotal, ZReport


def z_to_data(z: ZReport) -> dict[str, Any]:
    """JSON-ready figures; dates and times as ISO text."""
    data = asdict(z)
    data["business_date"] = z.business_date.isoformat()
    data["closed_at"] = z.closed_at.isoformat() if z.closed_at else None
    return data


def z_from_data(data: dict[str, Any]) -> ZReport:
    """The Z exactly as it was frozen (tuples where the report has tuples)."""
    fields: dict[str, Any] = {k: v for k, v in data.items()
                              if k not in (*_PAIRS, "tenders", "shifts")}
    fields["business_date"] = date.fromisoformat(data["business_date"])
    closed = data.get("closed_at")
    fields["closed_at"] = datetime.fromisoformat(closed) if closed else None
    for name in _PAIRS:
        fields[name] = tuple((str(k), int(v)) for k, v in data[name])
    return ZReport(**fields, tenders=tuple(TenderTotal(**t) for t in data["tenders"]),
                   shifts=tuple(ShiftCash(**s) for s in data["shifts"]))


_PAIRS = ("discounts", "coupons_issued", "topups_by_tender")
