"""``python -m linter`` runs the command-line interface."""

from linter.app.entry import console

if __name__ == "__main__":
    console()
