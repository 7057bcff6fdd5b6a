"""The inclusion criteria the directory starts with, as drafts: the national regulator revises
them and the national forum signs them off by publishing them (until then no profile shows
any). Taken from the national parent carer forums' call for an inclusion mark (issue 27)."""

from .models import Check

STARTING_CRITERIA = (
    (
        Check.INFORMATION_REPORT_CURRENT,
        "The SEN information report is up to date",
        "Every school must publish a SEN information report (SEND Regulations 2014, "
        "regulation 51) and the Code of Practice (6.79) says it should be updated each year. "
        "Met when the school says it published its report in the last 12 months.",
    ),
    (
        Check.SENCO_QUALIFIED,
        "The SENCo is qualified",
        "A new SENCo must gain the national qualification for SENCos within three years of "
        "taking up the post (SEND Regulations 2014, as amended in 2024). Met when the school "
        "says its SENCo holds the NPQ for SENCos or the "
        "NASENCO; working towards one is not yet met.",
    ),
    (
        Check.SEN_SUPPORT_AT_NORM,
        "Pupils on SEN support at least as many as nearby",
        "Met when the share of pupils on SEN support is at or above the share in schools of the "
        "same phase and type in the same local authority, in DfE's published figures.",
    ),
    (
        Check.SUSPENSIONS_AT_NORM,
        "Suspensions no more than nearby",
        "Met when suspensions per 100 pupils are at or below the rate in schools of the same "
        "phase and type in the same local authority, in DfE's published figures.",
    ),
    (
        Check.NO_PERMANENT_EXCLUSIONS_ABOVE_NORM,
        "Permanent exclusions no more than nearby",
        "Met when permanent exclusions per 100 pupils are at or below the rate in schools of "
        "the same phase and type in the same local authority, in DfE's published figures.",
    ),
)


def create_starting_criteria(model, publish=False):
    """Create any of the starting criteria that do not exist (as drafts unless `publish`)."""
    created = []
    for position, (test, title, explanation) in enumerate(STARTING_CRITERIA):
        criterion, made = model.objects.get_or_create(
            test=test,
            defaults={
                "title": title,
                "explanation": explanation,
                "sort_order": position,
                "live": publish,
            },
        )
        if made:
            created.append(criterion)
    return created
