"""Our SEND profile extension to ORUK (`send_profile` on each service, documented in README.md):
the items of the national standard that ORUK has no field for. Written by `export`, read by
`parsing`."""

EXTENSION = "send_profile"
EXTENSION_VERSION = "1.0"

# The SEND information report's answers (Schedule 1) and the other free-text items of a
# setting's profile, carried in send_profile.send_information_report.answers.
REPORT_FIELDS = (
    "sen_kinds",
    "sen_identification",
    "sen_evaluation",
    "sen_progress",
    "sen_teaching",
    "sen_adaptations",
    "sen_additional_support",
    "sen_activities",
    "sen_wellbeing",
    "staff_expertise",
    "equipment",
    "parent_involvement",
    "pupil_involvement",
    "complaints",
    "partner_agencies",
    "family_support_services",
    "transitions",
    "local_offer_link",
    "staff_send_training",
    "notional_send_budget",
    "disabled_admissions",
)
