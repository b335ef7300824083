# Local stubs: Flask-Login ships no type information (no py.typed, no types- package on PyPI).
# Only what the app uses. current_user is the signed-in app.models.auth.User or an anonymous
# user; it is typed Any because Flask-Login's proxy can be either.
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask
from werkzeug.wrappers import Response

_F = TypeVar("_F", bound=Callable[..., Any])
_L = TypeVar("_L", bound=Callable[[str], Any])
_R = TypeVar("_R", bound=Callable[[Any], Any])

current_user: Any

class LoginManager:
    login_view: str | None
    login_message: str
    localize_callback: Callable[[str], str] | None
    def __init__(self, app: Flask | None = ..., add_context_processor: bool = ...) -> None: ...
    def init_app(self, app: Flask, add_context_processor: bool = ...) -> None: ...
    def user_loader(self, callback: _L) -> _L: ...
    def request_loader(self, callback: _R) -> _R: ...
    def unauthorized(self) -> Response: ...

def login_required(func: _F) -> _F: ...
def login_user(
    user: Any, remember: bool = ..., duration: Any = ..., force: bool = ..., fresh: bool = ...
) -> bool: ...
def logout_user() -> bool: ...
