"""``python -m linter`` runs the command-line interface."""

from .entry import main

if __name__ == "__main__":
    main()
