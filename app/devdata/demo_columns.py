"""Demo assumptions and risks, and means of verification, of the outcomes and outputs."""

from __future__ import annotations

# By pillar: (assumptions and risks, means of verification) of its two outcomes, in order.
OUTCOME_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "I": (
        (
            "Governments keep prevention in their national strategies; local authorities "
            "allow community organisations to take part",
            "National prevention plans adopted; annual survey of community organisations",
        ),
        (
            "Youth organisations stay engaged beyond the project; no rise in insecurity closes "
            "the venues",
            "Participation registers by age and sex; focus group reports",
        ),
    ),
    "II": (
        (
            "Border agencies share passenger data with each other; equipment is maintained",
            "Border management assessments by CTED; API/PNR connection records",
        ),
        (
            "Financial intelligence units keep their staff; banks file suspicious reports",
            "FIU annual reports; mutual evaluation reports of the regional FATF-style body",
        ),
    ),
    "III": (
        (
            "Courts hear terrorism cases within a reasonable time; prosecutors are not moved",
            "Case management statistics of the prosecution service; trial monitoring notes",
        ),
        (
            "Victims' associations are recognised by the authorities and consent to take part",
            "Records of victims assisted; satisfaction survey of victims' associations",
        ),
    ),
    "IV": (
        (
            "Legislators consult civil society on counter-terrorism bills",
            "Review of adopted laws against international human rights standards",
        ),
        (
            "Senior officers endorse the standards; complaints mechanisms stay open",
            "Complaints statistics of oversight bodies; field observation reports",
        ),
    ),
}

# By the kind of the output's indicator (demo_logframe.INDICATOR_KINDS, in order).
OUTPUT_COLUMNS: tuple[tuple[str, str], ...] = (
    (
        "Ministries nominate trainees on time and trained staff stay in post",
        "Training attendance lists; pre- and post-test scores",
    ),
    (
        "Trainees sit the assessment within three months; the curriculum is not cut short",
        "Assessment results certified by the training institute",
    ),
    (
        "Agencies record cases in the shared system; no change of mandate stops the unit",
        "Quarterly extracts of the case management system, checked by the project team",
    ),
    (
        "The government keeps the national strategy on its agenda after elections",
        "Minutes of the inter-ministerial committee; official gazette",
    ),
)
