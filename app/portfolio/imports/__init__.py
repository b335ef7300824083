"""Import CTED needs, projects and seed funding from CSV or XLSX files, all or nothing."""

from app.portfolio.imports.result import ImportResult
from app.portfolio.imports.services import import_needs, import_projects, import_seed_funding

__all__ = ["ImportResult", "import_needs", "import_projects", "import_seed_funding"]
