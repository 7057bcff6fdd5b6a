"""Two-factor authentication over HTTP: password, then a real TOTP code computed from the
device's key (RFC 6238), or a recovery code."""

import re
import time
from base64 import b32decode

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

import roles

from ..conftest import PASSWORD

SETUP, VERIFY = "/admin/two-factor/setup/", "/admin/two-factor/verify/"


@pytest.fixture
def required(settings):
    settings.REQUIRE_TWO_FACTOR = True


def password_login(client, username):
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def code_for(key, steps_ahead=0):
    """What the family's phone shows: 6 digits from the key and the time."""
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def set_up_app(client):
    """Through the setup page, as a person would: read the key, type the app's code."""
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html  # the QR code
    assert "otpauth://totp/" in html
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', html).group(1)
    key = b32decode(secret.replace(" ", ""))
    response = client.post(SETUP, {"code": code_for(key)})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    assert len(codes) == 10
    return key, codes


@pytest.mark.django_db
def test_an_officer_must_set_up_and_then_use_a_second_factor(client, make_user, required):
    make_user("officer1", roles.LOCAL_OFFER_OFFICERS)
    password_login(client, "officer1")

    # The password alone reaches only the setup page.
    for url in ("/admin/", "/admin/pages/", "/admin/reports/local-offer/completeness/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(SETUP)
    key, codes = set_up_app(client)
    assert client.get("/admin/").status_code == 200

    # Next time: password, then a code from the app.
    other = password_login(Client(), "officer1")
    response = other.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert other.get(SETUP).status_code == 302  # cannot add a device with the password only
    response = other.post(VERIFY, {"code": "000000", "next": "/admin/pages/"})
    assert response.status_code == 400
    assert "That code did not work" in response.content.decode()
    time.sleep(1.1)  # each wrong code makes the next wait (1 s after one)
    # The setup code has been used in this 30-second step; the app's next code is accepted.
    response = other.post(VERIFY, {"code": code_for(key, 1), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert other.get("/admin/pages/").status_code == 200


@pytest.mark.django_db
def test_a_recovery_code_works_once(client, make_user, required):
    make_user("inspector", roles.REGULATORS)
    password_login(client, "inspector")
    _, codes = set_up_app(client)

    first = password_login(Client(), "inspector")
    assert first.post(VERIFY, {"code": codes[0].upper()}).status_code == 302
    assert first.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user__username="inspector").count() == 9

    again = password_login(Client(), "inspector")
    assert again.post(VERIFY, {"code": codes[0]}).status_code == 400
    assert again.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_wrong_codes_are_throttled(client, make_user, required):
    user = make_user("boss")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    password_login(client, "boss")
    for _ in range(8):
        assert client.post(VERIFY, {"code": "123456"}).status_code == 400
    response = client.post(VERIFY, {"code": code_for(device.bin_key)})
    assert response.status_code == 400
    assert "Too many wrong codes" in response.content.decode()
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, roles.LOCAL_OFFER_OFFICERS, roles.REGULATORS])
def test_required_roles(client, make_user, required, role):
    make_user("someone", role)
    password_login(client, "someone")
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.SETTING_EDITORS, roles.FORUM_EDITORS])
def test_other_roles_may_choose_it(client, make_user, required, role):
    make_user("someone", role)
    password_login(client, "someone")
    assert client.get("/admin/").status_code == 200
    assert "Set up two-factor authentication" in client.get("/admin/two-factor/").content.decode()
    key, _ = set_up_app(client)

    # Once chosen, it is asked for at every login.
    later = password_login(Client(), "someone")
    assert later.get("/admin/").status_code == 302
    assert later.post(VERIFY, {"code": code_for(key, 1)}).status_code == 302
    assert later.get("/admin/").status_code == 200
    # And they may turn it off again.
    later.post("/admin/two-factor/", {"action": "turn-off"})
    assert not TOTPDevice.objects.filter(user__username="someone").exists()


@pytest.mark.django_db
def test_without_the_setting_a_password_is_enough(client, make_user, settings):
    settings.REQUIRE_TWO_FACTOR = False
    make_user("officer1", roles.LOCAL_OFFER_OFFICERS)
    password_login(client, "officer1")
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_command_resets_a_lost_phone(client, make_user, required, capsys):
    make_user("officer1", roles.LOCAL_OFFER_OFFICERS)
    password_login(client, "officer1")
    set_up_app(client)
    call_command("reset_two_factor", "officer1")
    assert "Removed 2 devices" in capsys.readouterr().out
    again = password_login(Client(), "officer1")
    response = again.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


@pytest.mark.django_db
def test_new_recovery_codes_replace_the_old(client, make_user, required):
    make_user("officer1", roles.LOCAL_OFFER_OFFICERS)
    password_login(client, "officer1")
    _, old = set_up_app(client)
    response = client.post("/admin/two-factor/", {"action": "new-codes"})
    new = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    # Turning it off is refused for a required role.
    client.post("/admin/two-factor/", {"action": "turn-off"})
    assert TOTPDevice.objects.filter(user__username="officer1", confirmed=True).exists()
