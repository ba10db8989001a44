"""Administration and reminders from the command line, through the app's own functions."""

from urllib.parse import parse_qs, urlparse

from lda_dash.cli.main import main
from lda_dash.services import account_admin
from lda_dash.services.accounts import add_account
from lda_dash.storage import database


def run(*args, capsys):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_invite_then_the_link_sets_the_password(db_path, capsys):
    code, out, _ = run(
        "invite", "paul", "--role", "partenaire", "--organisation", "Relais",
        "--email", "paul@relais.example.org", "--reason", "arrivée", capsys=capsys,
    )  # fmt: skip
    assert code == 0 and "Compte créé : paul" in out
    url = out.strip().splitlines()[-1]
    token = parse_qs(urlparse(url).query)["jeton"][0]
    assert (
        account_admin.accept_invitation(token, "une phrase assez longue", "une phrase assez longue")
        == "paul"
    )


def test_the_last_admin_cannot_be_demoted_from_the_command_line(db_path, capsys):
    with database.connect() as con:
        add_account(con, "alice", "admin", "mot de passe de l'admin")
    code, _, err = run("set-role", "alice", "--role", "coordination", "--reason", "x",
                       "--by", "alice", capsys=capsys)  # fmt: skip
    assert code != 0 and "dernier compte administrateur actif" in err


def test_threshold_and_remind(db_path, capsys):
    with database.connect() as con:
        add_account(con, "alice", "admin", "mot de passe de l'admin")
    code, out, _ = run("threshold", "--set", "80", "--reason", "comité", capsys=capsys)
    assert code == 0 and "Nouveau seuil : 80,0" in out
    code, out, _ = run("remind", "--dry-run", capsys=capsys)
    assert code == 0 and "Relances à enregistrer : 0" in out


def test_user_disable_keeps_the_last_admin(db_path, capsys):
    with database.connect() as con:
        add_account(con, "alice", "admin", "mot de passe de l'admin")
    code, _, err = run("user", "disable", "alice", capsys=capsys)
    assert code != 0 and "dernier compte administrateur actif" in err
