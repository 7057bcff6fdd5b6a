from .coproduction import (
    CHECK_EVERY_MONTHS,
    ForumSignOffTask,
    ParentCarerForum,
    is_forum_member,
    next_check_after,
)
from .glossary import GlossaryTerm
from .pages import (
    CoproducedPage,
    EHCDeadlinesPage,
    GuideIndexPage,
    GuidePage,
    GuideSection,
)
from .signoff import PUBLISH_WITHOUT_SIGN_OFF, SignOff

__all__ = [
    "CHECK_EVERY_MONTHS",
    "CoproducedPage",
    "EHCDeadlinesPage",
    "ForumSignOffTask",
    "GlossaryTerm",
    "GuideIndexPage",
    "GuidePage",
    "GuideSection",
    "PUBLISH_WITHOUT_SIGN_OFF",
    "ParentCarerForum",
    "SignOff",
    "is_forum_member",
    "next_check_after",
]
