"""The console's member corrections: a points adjustment and blocking or unblocking a card,
posted from the member's record (headoffice/console/corrections.py does the work)."""

# No `from __future__ import annotations`: FastAPI evaluates the routes' Depends(...).
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from domain import forms
from domain.errors import DomainError, NotFound
from headoffice.console import Console, Posted, corrections, member_answer, profilefix
from headoffice.console.text import translator
from headoffice.console.web import client_of, lang_of


def install(app: FastAPI, console: Console) -> None:
    corrector = Depends(console.posted("members.correct"))

    def refused(request: Request, posted: Posted, member_id: str,
                err: DomainError) -> Response:
        """The record again, the refusal on top, what was typed kept (NotFound: 404)."""
        if isinstance(err, NotFound) and err.code == "member.unknown":
            return member_answer(console, request, posted.session, member_id)
        t = translator(lang_of(request))
        status = 404 if isinstance(err, NotFound) else 422
        return member_answer(console, request, posted.session, member_id, status,
                             message=t(f"err.{err.code}", **err.params), error=True,
                             fix_points=posted.fields.get("points", "")[:12],
                             fix_reason=posted.fields.get("reason", "")[:200])

    @app.post("/console/members/{member_id}/points", include_in_schema=False)
    async def adjust(request: Request, member_id: str,
                     posted: Annotated[Posted, corrector]) -> Response:
        f = posted.fields
        try:
            done = await run_in_threadpool(
                corrections.adjust_points, console.engine, console.packs, member_id[:36],
                f.get("points", ""), f.get("reason", ""), f.get("once", ""), posted.session,
                client_of(request), console.clock())
        except DomainError as err:
            return await run_in_threadpool(refused, request, posted, member_id, err)
        outcome = "repeated" if done.repeated else "adjusted"
        return RedirectResponse(f"/console/members/{member_id[:36]}?done={outcome}#message",
                                status_code=303)

    @app.post("/console/members/{member_id}/profile", include_in_schema=False)
    async def fix(request: Request, member_id: str,
                  posted: Annotated[Posted, corrector]) -> Response:
        f = posted.fields
        typed = {k: f.get(k, "")[:60] for k in profilefix.FIXABLE if k in f}
        try:
            done = await run_in_threadpool(
                profilefix.fix_profile, console.engine, member_id[:36], typed,
                f.get("reason", ""), posted.session, client_of(request), console.clock())
        except forms.FormErrors as err:
            t = translator(lang_of(request))
            text = " ".join(t(f"err.{e.code}", **e.params) for e in err.errors)
            return await run_in_threadpool(
                lambda: member_answer(console, request, posted.session, member_id, 422,
                                      message=text, error=True))
        except DomainError as err:
            return await run_in_threadpool(refused, request, posted, member_id, err)
        outcome = "profile" if done.fields else "unchanged"
        return RedirectResponse(f"/console/members/{member_id[:36]}?done={outcome}#message",
                                status_code=303)

    async def card(request: Request, member_id: str, number: str, posted: Posted,
                   blocked: bool) -> Response:
        try:
            await run_in_threadpool(
                lambda: corrections.set_card_blocked(
                    console.engine, member_id[:36], number[:19], posted.fields.get("reason", ""),
                    blocked=blocked, session=posted.session, client=client_of(request),
                    now=console.clock()))
        except DomainError as err:
            return await run_in_threadpool(refused, request, posted, member_id, err)
        outcome = "blocked" if blocked else "unblocked"
        return RedirectResponse(f"/console/members/{member_id[:36]}?done={outcome}#message",
                                status_code=303)

    @app.post("/console/members/{member_id}/cards/{number}/block", include_in_schema=False)
    async def block(request: Request, member_id: str, number: str,
                    posted: Annotated[Posted, corrector]) -> Response:
        return await card(request, member_id, number, posted, True)

    @app.post("/console/members/{member_id}/cards/{number}/unblock", include_in_schema=False)
    async def unblock(request: Request, member_id: str, number: str,
                      posted: Annotated[Posted, corrector]) -> Response:
        return await card(request, member_id, number, posted, False)
