"""A multipart/form-data body (the agreements upload) read with the standard library: its text
fields and its one file, within a size limit."""

from __future__ import annotations

from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser

from fastapi import Request

MAX_UPLOAD = 300 * 1024  # the file (at most alliance_file.MAX_BYTES) and the form around it


@dataclass
class Upload:
    """A form with a file: its text fields, its `file` (name, bytes), or too large to read."""

    fields: dict[str, str] = field(default_factory=dict)
    file: tuple[str, bytes] | None = None
    too_large: bool = False


async def multipart(request: Request) -> Upload:
    """The form's text fields and the field `file`; empty for a body that is not multipart,
    `too_large` (and nothing read further) beyond MAX_UPLOAD."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        return Upload()
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_UPLOAD:
            return Upload(too_large=True)
    head = f"Content-Type: {content_type}\r\n\r\n".encode("latin-1", "replace")
    message = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        return Upload()
    fields: dict[str, str] = {}
    upload: tuple[str, bytes] | None = None
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        file_name = part.get_filename()
        if name == "file" and file_name is not None:
            upload = (file_name, data)
        elif isinstance(name, str) and name not in fields:
            fields[name] = data.decode("utf-8", "replace")
    return Upload(fields, upload)
