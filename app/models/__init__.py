"""Every model, imported in dependency order so that Base.metadata is complete."""

from app.db import Base
from app.models.api_tokens import ApiToken  # noqa: F401
from app.models.audit import AuditEvent  # noqa: F401
from app.models.auth import LoginFailure, User  # noqa: F401
from app.models.baselines import (  # noqa: F401
    Baseline,
    BaselineLink,
    BaselineNeed,
    BaselineProject,
    BaselineValue,
    BaselineValuePart,
)
from app.models.data_version import DataVersion  # noqa: F401
from app.models.evidence import Evidence  # noqa: F401
from app.models.logframe import Activity, Indicator, IndicatorTarget, Outcome, Output  # noqa: F401
from app.models.mail import MailLog  # noqa: F401
from app.models.outcome_values import OutcomeReport, OutcomeValue  # noqa: F401
from app.models.portfolio import (  # noqa: F401
    CtedNeed,
    Project,
    ProjectCountry,
    project_needs,
    project_pve_areas,
)
from app.models.progress import (  # noqa: F401
    ActivityUpdate,
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
    ValuePart,
)
from app.models.quarterly import IssuedReport  # noqa: F401
from app.models.reference import Entity, Pillar, PveArea, SeedFundingProject  # noqa: F401

metadata = Base.metadata
