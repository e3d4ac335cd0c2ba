"""Every stored code has words to show for it."""

from bot.domain.roles import Role
from bot.presentation.labels import ROLE_LABELS


def test_every_role_has_a_label_and_no_label_is_for_an_unknown_role() -> None:
    assert set(ROLE_LABELS) == {role.value for role in Role}
