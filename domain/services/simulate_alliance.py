"""`kaika simulate` with merchants and stores: one store database per store, the agreements
and roster each partner's till would pull, and head office's part (the issuer's ledger, the
settlement entries, closing a month) done in-process (docs/simulate.md, "Alliances")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain.alliance import Agreement
from domain.alliance_card import AllianceCoupon, RosterCard, mask_for_partner
from domain.alliance_settlement import (
    Entry,
    EntryKind,
    entry_amount,
    first_day,
    next_period,
    period_of,
    settle,
    statements,
    trade_entries,
)
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.event_types import EventType
from domain.ids import new_id_str
from domain.ports import UnitOfWork
from domain.records import CardState, CouponKind, CouponState
from domain.scenario import Scenario
from domain.scenario_alliance import AllianceSetup
from domain.services import cardissue, ledger
from domain.services.context import ServiceContext, to_wire
from domain.services.simulate import Simulation

ALLIANCE_TZ = ZoneInfo("Asia/Shanghai")  # periods are months of Asia/Shanghai (alliance.md)
ALLIANCE_CODE = "SIM"


class Clearing:
    """Head office's settlement, in memory: entries by period, months closed once."""

    def __init__(self, merchants: list[str]) -> None:
        self.merchants = merchants
        self.entries: list[Entry] = []
        self.steps: dict[str, int] = {}  # source (a sale's id) -> the step that made it
        self.closed: dict[str, dict[str, Any]] = {}

    def record(self, kind: EntryKind, agreement: Agreement, day: date, points: int,
               sale_fen: int, source: str, amount_fen: int = 0) -> Entry:
        """An entry in the first open period from its day's (a closed month never changes)."""
        period = period_of(day)
        while period in self.closed:
            period = next_period(period)
        entry = Entry(id=new_id_str(), kind=kind, issuer=agreement.issuer,
                      partner=agreement.partner, period=period,
                      amount_fen=entry_amount(agreement, kind, points, sale_fen, amount_fen),
                      points=points, source=source)
        self.entries.append(entry)
        return entry

    def close(self, period: str, local_day: date) -> dict[str, Any]:
        """Close a month that is over (its last day ended in Asia/Shanghai), once: its
        statements are kept as they are, later entries of its days go to the next month."""
        if local_day < first_day(next_period(period)):
            raise DomainError("alliance.period_not_over", period=period)
        if period in self.closed:
            raise DomainError("alliance.period_closed", period=period)
        self.closed[period] = self.report(period)
        return {"period": period, **self.closed[period]}

    def report(self, period: str) -> dict[str, Any]:
        """Who pays whom per pair, each merchant's statement, and the sum of the nets (0)."""
        found = statements(period, self.entries)
        sheets = {}
        for merchant in self.merchants:
            st = found.get(merchant)
            lines = [] if st is None else [
                {"kind": ln.kind, "counterparty": ln.counterparty, "points": ln.points,
                 "amount_fen": ln.amount_fen, "source_step": self.steps[ln.source]}
                for ln in st.lines]
            sheets[merchant] = {"receivable_fen": st.receivable_fen if st else 0,
                                "payable_fen": st.payable_fen if st else 0,
                                "net_fen": st.net_fen if st else 0, "lines": lines}
        return {"settlement": [{"debtor": b.debtor, "creditor": b.creditor,
                                "amount_fen": b.amount_fen, "entries": len(b.entry_ids)}
                               for b in settle(period, self.entries)],
                "statements": sheets,
                "net_sum_fen": sum(s["net_fen"] for s in sheets.values())}

    def periods(self) -> dict[str, Any]:
        every = sorted({e.period for e in self.entries} | set(self.closed))
        return {p: {"closed": p in self.closed, **(self.closed.get(p) or self.report(p))}
                for p in every}


class AllianceRun:
    """The scenario's stores, each a Simulation on its own database, and the clearing."""

    def __init__(self, ctxs: dict[str, ServiceContext], clock: FixedClock,
                 scenario: Scenario) -> None:
        assert scenario.alliance is not None
        self.setup: AllianceSetup = scenario.alliance
        self.clock = clock
        self.sims = {code: Simulation(ctx, clock) for code, ctx in ctxs.items()}
        self.terms = {new_id_str(): a for a in self.setup.agreements}
        self.clearing = Clearing(list(self.setup.merchants))
        self.seen: set[str] = set()  # trade events head office has taken

    def load(self, scenario: Scenario) -> None:
        for code, sim in self.sims.items():
            homes = self.setup.member_home
            sim.load(replace(
                scenario, members=[m for m in scenario.members if homes[m["ref"]] == code],
                coupons=[c for c in scenario.coupons
                         if homes.get(c.get("member", ""), self.setup.first_store()) == code]))
        for terms_id, agreement in self.terms.items():
            issuer = self.setup.merchants[agreement.issuer]
            data = {"id": terms_id, "alliance": ALLIANCE_CODE, "issuer_brand": issuer["brand"],
                    "issuer_name": issuer["name"], **agreement.to_dict()}
            for code in self._stores_of(agreement.partner):
                with self.sims[code].ctx.uow() as uow:
                    uow.alliance.save_terms(terms_id, issuer["brand"], data)
                    uow.commit()
        self._publish()

    def run(self, scenario: Scenario) -> dict[str, Any]:
        results = []
        first = self.setup.first_store()
        for index, step in enumerate(scenario.steps):
            self.clock.set(datetime.fromisoformat(step["at"]))
            before = {code: sim.expired_so_far() for code, sim in self.sims.items()}
            store = step.get("store", first)
            if step["do"] == "close_period":  # at head office, not at a store
                entry = self._close(index, step)
            else:
                entry = {**self.sims[store].step(index, step), "store": store}
                if step["do"] == "register" and "error" not in entry:
                    self._hand_card(store, step["ref"])
            entry["alliance_entries"] = self._ingest(store, index)
            self._publish()
            entry["members"] = {ref: figures for code, sim in self.sims.items()
                                for ref, figures in sim.snapshot(before[code]).items()}
            results.append(to_wire(entry))
        return {"rulepack": self.sims[first].ctx.pack.name, "steps": results,
                "alliance": to_wire({"periods": self.clearing.periods()})}

    def _close(self, index: int, step: dict[str, Any]) -> dict[str, Any]:
        entry: dict[str, Any] = {"index": index, "do": step["do"]}
        try:
            entry.update(self.clearing.close(
                step["period"], self.clock.now().astimezone(ALLIANCE_TZ).date()))
        except DomainError as err:
            entry["error"] = err.to_dict()
        return entry

    def _hand_card(self, store: str, ref: str) -> None:
        """A member who signs up in an alliance scenario is handed a card there and then: a
        partner's till knows another merchant's members only by their card."""
        sim = self.sims[store]
        with sim.ctx.reader() as uow:
            has_card = any(c.state is CardState.ACTIVE
                           for c in uow.cards.for_member(sim.members[ref]))
        if not has_card:
            cardissue.issue_card(sim.ctx, sim.members[ref], sim.desk)

    def _stores_of(self, merchant: str) -> list[str]:
        return [code for code, owner in self.setup.stores.items() if owner == merchant]

    def _cards(self) -> dict[str, tuple[str, str, Any]]:
        """Member ref -> (its store, its merchant, (member, card)) for every member held."""
        found = {}
        for code, sim in self.sims.items():
            with sim.ctx.reader() as uow:
                for ref, member_id in sim.members.items():
                    member = uow.members.get(member_id)
                    card = next((c for c in uow.cards.for_member(member_id)
                                 if c.state is CardState.ACTIVE), None)
                    found[ref] = (code, self.setup.stores[code], (member, card))
        return found

    def _publish(self) -> None:
        """What head office sends each partner's stores after a sync: the issuers' consenting
        members' cards under an agreement (masked name, tier), and takes off the others; every
        other merchant's till can be shown the card (recognised or not, as the roster says)."""
        cards = self._cards()
        for code, sim in self.sims.items():
            merchant = self.setup.stores[code]
            issuers = {a.issuer for a in self.terms.values() if a.partner == merchant}
            with sim.ctx.uow() as uow:
                for ref, (_, owner, (member, card)) in cards.items():
                    if owner == merchant or card is None:
                        continue
                    sim.foreign_cards[ref] = card.number
                    if owner in issuers and member is not None and member.consent_alliance:
                        uow.alliance.put_card(RosterCard(
                            card_number=card.number, issuer=owner, issuer_member_id=member.id,
                            name_masked=mask_for_partner(member.name), tier=member.tier))
                        self._publish_coupons(uow, sim, cards[ref][0], merchant,
                                              (card.number, member.id))
                    else:
                        uow.alliance.drop_card(card.number)
                uow.commit()

    def _publish_coupons(self, uow: UnitOfWork, partner: Simulation, home: str, merchant: str,
                         held_by: tuple[str, str]) -> None:
        """The issuer's live cash coupons of the templates an agreement with this partner
        lists travel with the card (head office's alliance_coupon items); others are taken
        off. The partner's scenario steps may name them by their ref."""
        owner = self.setup.stores[home]
        listed = {t for a in self.terms.values() if a.issuer == owner and a.partner == merchant
                  for t in a.coupon_templates}
        issuer = self.sims[home]
        refs = {code: ref for ref, code in issuer.coupons.items()}
        card_number, member_id = held_by
        with issuer.ctx.reader() as held:
            coupons = held.coupons.for_member(member_id)
        for coupon in coupons:
            if (coupon.state is CouponState.ISSUED and coupon.kind is CouponKind.CASH
                    and coupon.template_code in listed):
                uow.alliance.put_coupon(AllianceCoupon(
                    code=coupon.code, card_number=card_number, issuer=owner,
                    template=coupon.template_code, amount_fen=coupon.amount_fen,
                    valid_from=coupon.valid_from, valid_to=coupon.valid_to))
                if coupon.code in refs:
                    partner.coupons[refs[coupon.code]] = coupon.code
            else:
                uow.alliance.drop_coupon(coupon.code)

    def _ingest(self, store: str, index: int) -> list[dict[str, Any]]:
        """The store's new `alliance.trade` events, as head office takes them: the issuer's
        ledger (tagged with the partner and the sale) and the settlement entries."""
        sim = self.sims[store]
        with sim.ctx.reader() as uow:
            trades = [e for e in uow.outbox.pending(limit=1_000_000)
                      if e.type == EventType.ALLIANCE_TRADE and e.event_id not in self.seen]
        made = []
        for event in trades:
            self.seen.add(event.event_id)
            made += self._book(event.payload, self.setup.stores[store], index)
        return made

    def _book(self, p: dict[str, Any], partner: str, index: int) -> list[dict[str, Any]]:
        agreement = self.terms[p["agreement_id"]]
        self._issuer_ledger(p, partner)
        self.clearing.steps[p["sale_id"]] = index
        day = date.fromisoformat(p["business_date"])
        wanted = trade_entries(p["points_earned"], p["points_spent"], p["sale_fen"])
        made = [_entry_view(self.clearing.record(kind, agreement, day, points, sale_fen,
                                                 p["sale_id"]), index)
                for kind, points, sale_fen in wanted]
        for used in p.get("coupons", []):
            made.append(_entry_view(self._coupon_entry(used, agreement, day, p), index))
        return made

    def _coupon_entry(self, used: dict[str, Any], agreement: Agreement, day: date,
                      p: dict[str, Any]) -> Entry:
        """As head office's ingest: the issuer's coupon redeemed at its own stores (or in
        force again for a return that gives it back) and the funder owing the redeemer what
        came off the sale; a return's mirror entry has the return as its source too."""
        code, amount = used["code"], used["amount_fen"]
        home = next(c for c, sim in self.sims.items()
                    if p["issuer_member_id"] in sim.members.values())
        ctx = self.sims[home].ctx
        with ctx.uow() as uow:
            coupon = uow.coupons.get(code)
            if coupon is not None:
                uow.coupons.save(replace(
                    coupon, state=CouponState.REDEEMED if amount > 0 else CouponState.ISSUED,
                    redeemed_sale_id=p["sale_id"] if amount > 0 else None,
                    redeemed_at=self.clock.now() if amount > 0 else None))
            uow.commit()
        source = code if amount > 0 else f"{code}:{p['sale_id']}"
        self.clearing.steps[source] = self.clearing.steps[p["sale_id"]]
        return self.clearing.record(EntryKind.COUPON_FUNDED_REDEEMED, agreement, day, 0, 0,
                                    source, amount_fen=amount)

    def _issuer_ledger(self, p: dict[str, Any], partner: str) -> None:
        """The issuer's ledger entries for the member at its store that holds them, as head
        office books them and the issuer's stores hear: earn/spend, takeback/refund."""
        home = next(code for code, sim in self.sims.items()
                    if p["issuer_member_id"] in sim.members.values())
        ctx = self.sims[home].ctx
        post = ledger.Posting(p["issuer_member_id"], "earn", sale_id=p["sale_id"],
                              reason=f"alliance:{partner}")
        earned, spent = p["points_earned"], p["points_spent"]
        with ctx.uow() as uow:
            if spent > 0:
                ledger.debit_points(ctx, uow, replace(post, kind="spend"), spent)
            if spent < 0:
                ledger.credit_points(ctx, uow, replace(post, kind="refund"), -spent, "refund")
            if earned > 0:
                ledger.credit_points(ctx, uow, post, earned)
            if earned < 0:
                ledger.take_back_points(ctx, uow, replace(post, kind="takeback"), -earned)
            uow.commit()


def _entry_view(entry: Entry, index: int) -> dict[str, Any]:
    return {"kind": entry.kind.value, "issuer": entry.issuer, "partner": entry.partner,
            "period": entry.period, "points": entry.points, "amount_fen": entry.amount_fen,
            "source_step": index}


def simulate_alliance(ctxs: dict[str, ServiceContext], clock: FixedClock,
                      scenario: Scenario) -> dict[str, Any]:
    """Load every store's starting state, run the steps, return the JSON-ready result."""
    run = AllianceRun(ctxs, clock, scenario)
    run.load(scenario)
    return run.run(scenario)
