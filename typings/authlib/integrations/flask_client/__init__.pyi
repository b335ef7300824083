from typing import Any

from flask import Flask

class OAuth:
    def __init__(self, app: Flask | None = ..., cache: Any = ..., fetch_token: Any = ...) -> None: ...
    def register(self, name: str, overwrite: bool = ..., **kwargs: Any) -> Any: ...
