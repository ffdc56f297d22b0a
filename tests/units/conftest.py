"""The hand-checked province of the report tests, reused to prove reorganisations lose nothing."""
from tests.reports.conftest import app_config, people, units  # noqa: F401  (fixtures)
