"""Domain errors: a stable code and parameters, never a sentence (the UI translates codes)."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refusal by the rules. `code` is stable (e.g. "points.negative_balance")."""

    def __init__(self, code: str, /, **params: Any) -> None:
        # `code` is positional-only so that params may carry a coupon or gift `code` too.
        super().__init__(code, params)
        self.code = code
        self.params: dict[str, Any] = params

    def __str__(self) -> str:
        if not self.params:
            return self.code
        args = ", ".join(f"{k}={v!r}" for k, v in sorted(self.params.items()))
        return f"{self.code}({args})"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


class ValidationError(DomainError):
    """Input that fails a rule; `params["field"]` names the field when there is one."""


class NotFound(DomainError):
    """A member, card, product, sale or coupon that does not exist."""


class RulePackError(DomainError):
    """A rule pack file with a mistake: params carry file, key and problem."""
