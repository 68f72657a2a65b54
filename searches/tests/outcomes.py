from datetime import timedelta

from django.db.models import F

from searches.models import QueryOutcome
from searches.services import OUTCOME_FRESH_FOR


def outcomes_made_stale() -> None:
    """Every search outcome older than OUTCOME_FRESH_FOR, so the next search
    writes its outcome again (kept while fresh and unchanged, it is one read)."""
    QueryOutcome.objects.update(
        updated_at=F("updated_at") - OUTCOME_FRESH_FOR - timedelta(seconds=1)
    )
