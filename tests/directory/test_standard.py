import datetime

import pytest

from directory import standard
from directory.models import Service, Setting
from directory.taxonomy import SettingType


def test_every_field_the_standard_names_exists_on_its_model():
    for profile, sections in standard.PROFILES.items():
        model = Service if profile == "service" else Setting
        for section in sections:
            for item in section.items:
                assert item.weight > 0 and item.reference and item.label
                for name in item.fields:
                    model._meta.get_field(name)  # raises if the standard names a wrong field


def test_item_keys_are_unique_within_each_profile():
    for profile in standard.PROFILES:
        keys = [item.key for item in standard.items_for(profile)]
        assert len(keys) == len(set(keys)), profile


@pytest.mark.parametrize(
    ("setting_type", "profile"),
    [
        (SettingType.MAINSTREAM, "school"),
        (SettingType.SPECIAL, "school"),
        (SettingType.RESOURCED, "school"),
        (SettingType.ALTERNATIVE, "school"),
        (SettingType.INDEPENDENT_SPECIAL, "school"),
        (SettingType.EARLY_YEARS, "early-years"),
        (SettingType.COLLEGE, "college"),
    ],
)
def test_each_kind_of_setting_reads_its_profile(setting_type, profile):
    assert standard.profile_key(Setting(kind="setting", setting_type=setting_type)) == profile
    assert standard.profile_key(Service(kind="service")) == "service"


def test_an_empty_school_scores_zero_and_misses_everything():
    result = standard.evaluate(Setting(kind="setting", name="Empty"))
    assert result.score == 0
    assert result.missing_keys == [item.key for item in standard.items_for("school")]


def test_score_is_the_share_of_weight_published():
    service = Service(kind="service", name="Physio", eligibility="Children in Northbrook")
    items = standard.items_for("service")
    total = sum(item.weight for item in items)
    eligibility_weight = next(i.weight for i in items if i.key == "eligibility")
    assert standard.evaluate(service).score == round(100 * eligibility_weight / total)
    assert "eligibility" not in standard.evaluate(service).missing_keys


def test_any_of_items_need_one_field_and_all_of_items_need_every_field():
    service = Service(kind="service", phone="01632 960 000")
    assert "contact" not in standard.evaluate(service).missing_keys
    service.waiting_weeks = 12  # without the date it was stated, the item is not met
    assert "waiting-time" in standard.evaluate(service).missing_keys
    service.waiting_stated_on = datetime.date(2026, 10, 1)
    assert "waiting-time" not in standard.evaluate(service).missing_keys


def test_whitespace_is_not_an_answer_but_false_and_zero_are():
    setting = Setting(kind="setting", sen_kinds="   ", senco_on_leadership_team=False)
    setting.permanent_exclusions = 0
    setting.suspensions = 0
    missing = standard.evaluate(setting).missing_keys
    assert "sen-kinds" in missing
    assert "senco-leadership" not in missing
    assert "exclusions" not in missing


def test_a_listing_is_stale_after_twelve_months_without_review():
    today = datetime.date(2026, 11, 23)
    assert not standard.is_stale(datetime.date(2025, 11, 23), today)
    assert standard.is_stale(datetime.date(2025, 11, 22), today)
    assert standard.is_stale(None, today)
