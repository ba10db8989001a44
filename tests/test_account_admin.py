"""Account administration on a real database: invitation links, passwords, roles, the last
administrator, organisations, assignments, the threshold; each refusal in French, nothing
changed."""

from datetime import datetime, timedelta
from fractions import Fraction
from urllib.parse import parse_qs, urlparse

import pytest

from lda_dash import storage
from lda_dash.domain.permissions import Actor, PermissionDenied
from lda_dash.services import account_admin, passwords, sessions, threshold
from lda_dash.services.accounts import AccountError, add_account, sign_in
from lda_dash.storage import database

ADMIN = Actor("alice", "admin", None)
GOOD = "trois mots simples suffisent"


@pytest.fixture
def admin_db(db_path):
    with database.connect() as con:
        add_account(con, "alice", "admin", "mot de passe de l'admin")
    return db_path


def token_of(link: account_admin.Link) -> str:
    return parse_qs(urlparse(link.url).query)["jeton"][0]


def snapshot() -> tuple:
    with database.connect(read_only=True) as con:
        tables = ("account", "organisation", "assignment", "invitation", "setting", "history")
        return tuple(con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables)


def test_an_invited_partner_sets_a_password_and_signs_in(admin_db):
    link = account_admin.invite(
        ADMIN, "paul", "partenaire", organisation="Association Nouvelle",
        email="paul@example.org", reason="arrivée au 1er mars",
    )  # fmt: skip
    assert link.url.startswith("http://localhost:8501/invitation?jeton=")
    assert account_admin.invitation_login(token_of(link)) == "paul"
    assert account_admin.accept_invitation(token_of(link), GOOD, GOOD) == "paul"
    with database.connect() as con:
        assert sign_in(con, "paul", GOOD).actor.organisation_id == "association-nouvelle"
        history = storage.history(con, "dijon-2021-2022")
    assert {"invitation", "mot de passe défini par lien"} <= set(history["new_value"])
    assert "arrivée au 1er mars" in set(history["reason"])


def test_a_link_works_once_for_72_hours_and_not_altered(admin_db):
    t0 = datetime(2026, 3, 2, 9, 0)
    link = account_admin.invite(ADMIN, "paul", "coordination", reason="arrivée", now=t0)
    token = token_of(link)
    before = snapshot()
    refused = [
        lambda: account_admin.accept_invitation(token, GOOD, GOOD, now=t0 + timedelta(hours=73)),
        lambda: account_admin.accept_invitation(token[:-2] + "xy", GOOD, GOOD, now=t0),
        lambda: account_admin.accept_invitation("", GOOD, GOOD, now=t0),
    ]
    for attempt in refused:
        with pytest.raises(AccountError, match="Ce lien n'est pas valable"):
            attempt()
    assert snapshot() == before
    account_admin.accept_invitation(token, GOOD, GOOD, now=t0 + timedelta(hours=71))
    with pytest.raises(AccountError, match="déjà servi"):
        account_admin.accept_invitation(token, GOOD + "!", GOOD + "!", now=t0)


def test_a_reset_link_replaces_the_earlier_one_and_ends_sessions(admin_db):
    first = account_admin.invite(ADMIN, "paul", "coordination", reason="arrivée")
    account_admin.accept_invitation(token_of(first), GOOD, GOOD)
    code = sessions.open_session("paul", sessions.METHOD_PASSWORD)
    token, _ = sessions.exchange_code(code)
    older = account_admin.reset_link(ADMIN, "paul", "oubli")
    newer = account_admin.reset_link(ADMIN, "paul", "oubli, second envoi")
    with pytest.raises(AccountError):
        account_admin.accept_invitation(token_of(older), GOOD + " bis", GOOD + " bis")
    account_admin.accept_invitation(token_of(newer), GOOD + " bis", GOOD + " bis")
    assert sessions.resume(token).message == sessions.EXPIRY_MESSAGES[sessions.ENDED_BY_PASSWORD]


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("court", "trop court : 5 caractère(s)"),
        ("a" * 11, "trop court"),
        ("qwerty123456", "les plus courants"),
        ("1q2w3e4r5t6y", "les plus courants"),
        ("LeaveMeAlone", "les plus courants"),
        ("xxxxxxxxxxxxxxxx", "un seul caractère"),
        ("paul.durand.x", None),
    ],
)
def test_password_rules(password, why):
    refusal = passwords.refusal(password, "paul")
    assert (refusal is None) if why is None else (why in refusal)


def test_a_weak_password_through_the_link_changes_nothing(admin_db):
    link = account_admin.invite(ADMIN, "paul", "coordination", reason="arrivée")
    before = snapshot()
    for weak, again in [("qwerty123456", "qwerty123456"), ("court", "court"), (GOOD, GOOD + "x")]:
        with pytest.raises(AccountError):
            account_admin.accept_invitation(token_of(link), weak, again)
    assert snapshot() == before


def test_the_last_active_admin_is_neither_demoted_nor_disabled(admin_db):
    before = snapshot()
    with pytest.raises(AccountError, match="dernier compte administrateur actif"):
        account_admin.change_role(ADMIN, "alice", "coordination", None, "essai")
    with pytest.raises(AccountError, match="dernier compte administrateur actif"):
        account_admin.set_enabled(ADMIN, "alice", False, "essai")
    assert snapshot() == before
    account_admin.invite(ADMIN, "bruno", "admin", reason="relève")
    account_admin.change_role(ADMIN, "alice", "coordination", None, "relève assurée")


@pytest.mark.parametrize(
    "call",
    [
        lambda: account_admin.invite(ADMIN, "x1", "coordination", display_name="Eve\r\nBcc: a@b",
                                     reason="r"),
        lambda: account_admin.invite(ADMIN, "x2", "partenaire", organisation="Org\nX", reason="r"),
        lambda: account_admin.invite(ADMIN, "x3", "coordination", reason="motif\r\nBcc: x"),
        lambda: account_admin.invite(ADMIN, "x4", "coordination", email="a@b\r\nBcc: c@d",
                                     reason="r"),
        lambda: account_admin.create_organisation(ADMIN, "Nom\rforgé", "r"),
        lambda: account_admin.invite(ADMIN, "x5", "coordination", reason="   "),
        lambda: account_admin.invite(ADMIN, "x6", "partenaire", reason="r"),
    ],
)  # fmt: skip
def test_line_breaks_and_missing_fields_are_refused_and_change_nothing(admin_db, call):
    before = snapshot()
    with pytest.raises(AccountError):
        call()
    assert snapshot() == before


def test_only_an_admin_administers(admin_db):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        account_admin.invite(Actor("c", "coordination", None), "x", "admin", reason="r")
    with pytest.raises(PermissionDenied):
        threshold.save(Actor("p", "prefecture", None), Fraction(1, 2), "r")
    assert snapshot() == before


def test_organisations_and_assignments(admin_db):
    org = account_admin.create_organisation(ADMIN, "Association Relais", "nouveau partenaire")
    account_admin.rename_organisation(ADMIN, org, "Relais Dijon", "changement de nom")
    account_admin.set_assignment(ADMIN, "dijon-2021-2022", 7, org, True, "convention signée")
    with database.connect(read_only=True) as con:
        assert storage.actions_of(con, "dijon-2021-2022", org) == [7]
    account_admin.set_assignment(ADMIN, "dijon-2021-2022", 7, org, False, "fin du partenariat")
    with pytest.raises(AccountError, match="Action n° 99 inconnue"):
        account_admin.set_assignment(ADMIN, "dijon-2021-2022", 99, org, True, "r")
    with database.connect(read_only=True) as con:
        assert storage.actions_of(con, "dijon-2021-2022", org) == []
        assert storage.organisations(con)[-1]["name"] == "Relais Dijon"


@pytest.mark.parametrize(
    ("text", "value"),
    [("85", Fraction(85, 100)), ("85 %", Fraction(85, 100)), ("72,5", Fraction(725, 1000))],
)
def test_threshold_parsing(text, value):
    assert threshold.parse_percent(text) == value


@pytest.mark.parametrize("text", ["", "abc", "0", "120", "-5"])
def test_threshold_refusals(text):
    with pytest.raises(AccountError):
        threshold.parse_percent(text)


def test_the_threshold_preview_then_save(admin_db):
    preview = threshold.preview(Fraction(1, 2))
    assert [c.year for c in preview] == [2021, 2022]
    threshold.save(ADMIN, Fraction(1, 2), "décision du comité")
    assert threshold.stored_threshold() == Fraction(1, 2)
