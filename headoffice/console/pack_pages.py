"""The console's rule packs and catalogue pages: upload a publication file and see its
problems or what it changes, then publish it at once or from an effective day."""

# No `from __future__ import annotations`: FastAPI evaluates the routes' Depends(...).
from email.parser import BytesParser
from email.policy import HTTP
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from domain.errors import DomainError, NotFound
from headoffice import staff
from headoffice.console import Console, Forbidden, Posted, packwork
from headoffice.console.text import translator
from headoffice.console.web import client_of, lang_of, render, same
from headoffice.staff import Session

_MAX_BODY = packwork.MAX_UPLOAD + 64 * 1024  # the file and the form's few fields


def multipart(content_type: str, body: bytes) -> dict[str, tuple[str, bytes]]:
    """A multipart/form-data body's fields: name -> (file name or "", bytes); {} when it is
    not one (the standard library's MIME parser: no dependency for one upload form)."""
    if not content_type.startswith("multipart/form-data") or len(body) > _MAX_BODY:
        return {}
    head = b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n"
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    if not message.is_multipart():
        return {}
    fields: dict[str, tuple[str, bytes]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str) and isinstance(payload, bytes) and name not in fields:
            fields[name] = (part.get_filename() or "", payload)
    return fields


def install(app: FastAPI, console: Console) -> None:
    viewer = Depends(console.signed_in("packs.view"))
    publisher = Depends(console.posted("packs.publish"))
    uploader_session = console.signed_in("packs.publish")
    packwork.start_releasing(console.engine, console.clock)

    async def uploaded(request: Request) -> tuple[Session, dict[str, tuple[str, bytes]]]:
        session = await run_in_threadpool(uploader_session, request)
        fields = multipart(request.headers.get("content-type", ""), await request.body())
        if not same(fields.get("csrf", ("", b""))[1].decode("ascii", "replace"),
                    session.csrf):
            raise Forbidden("csrf", session.member.role)
        return session, fields

    def page(request: Request, session: Session, status: int = 200, **values: Any) -> Response:
        with console.engine.connect() as conn:
            drafts = packwork.recent(conn, session.member.merchant_id)
        return render(request, "packs.html", status, title_key="packs.title", drafts=drafts,
                      can_publish=staff.may(session.member.role, "packs.publish"),
                      max_kib=packwork.MAX_UPLOAD // 1024, member=session.member,
                      csrf=session.csrf, **values)

    @app.get("/console/packs", include_in_schema=False)
    def packs_page(request: Request, session: Annotated[Session, viewer]) -> Response:
        packwork.release_due(console.engine, console.clock())  # the page shows them released
        return page(request, session)

    @app.post("/console/packs/check", include_in_schema=False)
    async def check(request: Request,
                    upload: Annotated[tuple[Session, dict[str, tuple[str, bytes]]],
                                      Depends(uploaded)]) -> Response:
        session, fields = upload
        name, data = fields.get("file", ("", b""))
        if not data:
            t = translator(lang_of(request))
            return await run_in_threadpool(page, request, session, 422,
                                           problems=[t("packs.no_file")])
        done = await run_in_threadpool(packwork.check_upload, console.engine, data, name,
                                       session, client_of(request), console.clock())
        if done.draft_id is None:
            return await run_in_threadpool(page, request, session, 422,
                                           problems=done.problems, file_name=name[-200:])
        return RedirectResponse(f"/console/packs/{done.draft_id}", status_code=303)

    def draft_page(request: Request, session: Session, draft_id: str, status: int = 200,
                   **values: Any) -> Response:
        t = translator(lang_of(request))
        try:
            with console.engine.connect() as conn:
                shown = packwork.draft(conn, draft_id[:36], session.member.merchant_id)
        except NotFound:
            return render(request, "message.html", 404, title_key="notfound.title",
                          message=t("notfound.text", what=draft_id[:40]), error=True,
                          member=session.member, csrf=session.csrf)
        return render(request, "pack.html", status, title_key="pack.title", d=shown,
                      today=packwork.today(console.clock()).isoformat(),
                      can_publish=staff.may(session.member.role, "packs.publish"),
                      member=session.member, csrf=session.csrf, **values)

    @app.get("/console/packs/{draft_id}", include_in_schema=False)
    def draft_show(request: Request, draft_id: str, session: Annotated[Session, viewer],
                   done: str = "") -> Response:
        t = translator(lang_of(request))
        message = t(f"pack.done.{done}") if done in ("published", "scheduled") else ""
        return draft_page(request, session, draft_id, message=message)

    @app.post("/console/packs/{draft_id}/publish", include_in_schema=False)
    async def publish(request: Request, draft_id: str,
                      posted: Annotated[Posted, publisher]) -> Response:
        try:
            status = await run_in_threadpool(
                packwork.publish_draft, console.engine, draft_id[:36],
                posted.fields.get("effective_on", ""), posted.session, client_of(request),
                console.clock())
        except NotFound:
            return await run_in_threadpool(draft_page, request, posted.session, draft_id)
        except DomainError as err:
            t = translator(lang_of(request))
            return await run_in_threadpool(draft_page, request, posted.session, draft_id, 422,
                                           message=t(f"err.{err.code}", **err.params),
                                           error=True)
        return RedirectResponse(f"/console/packs/{draft_id[:36]}?done={status}",
                                status_code=303)
