"""Every model, imported in dependency order so that Base.metadata is complete."""

import app.perf_indexes  # noqa: F401 - indexes of migrations 0004 and 0005
from app.audit.models import AuditEvent  # noqa: F401
from app.auth.models import LoginFailure, User  # noqa: F401
from app.baselines.models import (  # noqa: F401
    Baseline,
    BaselineLink,
    BaselineNeed,
    BaselineProject,
    BaselineValue,
    IssuedReport,
)
from app.db import Base
from app.logframe.models import Activity, Indicator, IndicatorTarget, Outcome, Output  # noqa: F401
from app.portfolio.models import (  # noqa: F401
    CtedNeed,
    Entity,
    Pillar,
    Project,
    ProjectCountry,
    PveArea,
    project_needs,
    project_pve_areas,
)
from app.progress.models import (  # noqa: F401
    ActivityUpdate,
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
)

metadata = Base.metadata
