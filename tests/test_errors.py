"""Errors in one place: each carries its exit code, and the CLI maps every one the same way."""

import pytest
import typer

from translate import errors
from translate.cli._common import friendly_errors


def all_errors():
    found, todo = [], [errors.TranslateError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    return found


@pytest.mark.parametrize("cls", all_errors(), ids=lambda cls: cls.__name__)
def test_every_error_leaves_with_its_own_code_and_message(cls, capsys):
    error = cls("x.txt", "something went wrong") if cls is errors.InputError else (
        cls(5, "cannot write to out/: no space") if issubclass(cls, OSError) else cls("something went wrong"))
    with pytest.raises(typer.Exit) as leaving, friendly_errors():
        raise error
    assert leaving.value.exit_code == cls.exit_code
    err = capsys.readouterr().err
    assert "Traceback" not in err and ("went wrong" in err or "no space" in err)


def test_the_exit_codes_are_the_documented_ones():
    assert (errors.EXIT_FAILED, errors.EXIT_USAGE, errors.EXIT_NO_ARTICLES) == (1, 2, 3)
    assert errors.NoArticles.exit_code == 3 and errors.ModelUnavailable.exit_code == 2
    assert errors.InputError.exit_code == 1 and errors.GlossaryError.exit_code == 2
    assert issubclass(errors.GlossaryError, ValueError) and issubclass(errors.OutputError, OSError)
