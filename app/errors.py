"""Domain errors raised by services and turned into messages by views and commands."""


class DomainError(Exception):
    """A rule of the domain refused the operation; the message is for the user."""


class PermissionDenied(DomainError):
    """The user may not do this."""


class NotFound(DomainError):
    """The object does not exist, or the user may not know that it does."""


class Conflict(DomainError):
    """Someone else changed the record first."""


class ValidationFailed(DomainError):
    """Input broke one or more rules; `problems` lists them for the user."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class FieldInvalid(ValidationFailed):
    """One form field broke a rule; `field` names it so the view shows the message there."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__([message])
        self.field = field


class Tampered(DomainError):
    """Frozen data (a baseline, an issued report) no longer matches the hash taken when it was
    frozen: it is never served, on any channel."""
