"""``python -m linter`` runs the command-line interface."""

from .entry import console

if __name__ == "__main__":
    console()
