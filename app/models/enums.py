"""The app's own vocabularies (roles, workflow states); the rules' own are indicators.types."""

from __future__ import annotations

from enum import StrEnum

from indicators.types import ACTIVE_STATUSES, ProjectStatus

PORTFOLIO_STATUSES = ACTIVE_STATUSES | {ProjectStatus.COMPLETED}


class Origin(StrEnum):
    """Why a project exists."""

    CTED_NEED = "cted_need"
    MEMBER_STATE_REQUEST = "member_state_request"
    ENTITY_MANDATE = "entity_mandate"


class Direction(StrEnum):
    """Whether success means the indicator goes up or down."""

    INCREASE = "increase"
    DECREASE = "decrease"


class ActivityStatus(StrEnum):
    """Status of a planned activity."""

    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    DELAYED = "delayed"
    CANCELLED = "cancelled"


class PeriodStatus(StrEnum):
    """Whether a reporting period accepts entries."""

    OPEN = "open"
    LOCKED = "locked"


class Role(StrEnum):
    """User roles (docs/interfaces.md section 1)."""

    ADMIN = "admin"
    FOCAL_POINT = "focal_point"
    REVIEWER = "reviewer"
    VIEWER = "viewer"
    CTED = "cted"
