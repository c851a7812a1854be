"""``healthlint init``: a starter ``.healthlint.yaml`` with every key explained.

Every key is written commented out, so the file changes nothing until its
owner uncomments a line; a test keeps the list equal to the keys the
configuration reader knows. An existing file is never overwritten.
"""

from __future__ import annotations

import os

from linter.common.errors import ConfigError

STARTER = """\
# healthlint configuration. Every key is commented out: as written, this file
# changes nothing. Uncomment what you need; paths and globs are relative to
# this file's folder. `healthlint rules` lists the rule ids.

# Policy files or pack folders (default: the bundled us-health pack). A house
# pack beside the bundled one can use its lexicons as @us-health.hedge.
# policies: [policies/us-health, compliance/house.yaml]

# Report only these rule ids.
# select: [cure-claim, fda-status-disclosure]

# Never report these rule ids.
# ignore: [hype-term]

# A rule's severity for every finding: error, warning or info.
# severity:
#   superiority-claim: info

# The files a directory walk lints (replaces the default extensions).
# include: ["**/*.md", "**/*.html"]

# Files and folders a directory walk skips (besides .gitignore and .ignore).
# exclude: ["drafts/", "**/legacy/**"]

# Also skip excluded files named on the command line (pre-commit, editors).
# force-exclude: true

# Rule choices for some paths; later entries win.
# overrides:
#   - paths: ["blog/**"]
#     ignore: [testimonial-disclaimer]
#     select: null
#     severity: {hype-term: info}
#     copy-props: ["...", promo]
#     copy-keys: ["...", perks]

# The lowest severity that fails the run (exit 1).
# fail-on: error

# JSX props whose strings are copy ("..." keeps the defaults).
# copy-props: ["...", promo]

# Object keys whose strings are copy in JS/TS/JSON data ("..." keeps the defaults).
# copy-keys: ["...", perks]

# i18n message files, whose every string is copy.
# message-files: ["locales/**/*.json"]

# Files whose copy counts as present in every page for require rules
# (a site-wide footer or disclaimer component).
# shared-copy: [components/Footer.tsx]
"""

NAME = ".healthlint.yaml"


def write_starter(folder: str = ".") -> str:
    """Write the starter file into ``folder``; ConfigError when one is already there."""
    from linter.config.files import YAML_NAMES

    for name in YAML_NAMES:
        existing = os.path.join(folder, name)
        if os.path.exists(existing):
            raise ConfigError(f"{name} already exists; not overwritten", existing)
    path = os.path.join(folder, NAME)
    try:
        with open(path, "x", encoding="utf-8") as fh:  # "x": never replace a file
            fh.write(STARTER)
    except FileExistsError:
        raise ConfigError(f"{NAME} already exists; not overwritten", path) from None
    except OSError as exc:
        raise ConfigError(f"cannot write {NAME}: {exc.strerror or exc}", path) from None
    return path
