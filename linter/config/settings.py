"""What governs each linted file: its configuration, its policy, the command line.

The command line wins over a configuration file: ``--policy`` replaces the
configured policies, ``--select`` replaces the configured selection (its
ignores included), ``--ignore`` adds to it and ``--fail-on`` replaces
``fail-on``. Configurations are looked up once per folder and policies
compiled once per set of files, however many files a run lints.
"""

from __future__ import annotations

import os

from linter.common.errors import ConfigError
from linter.common.plaindata import PlainData
from linter.common.wording import did_you_mean
from linter.config.files import Config, config_in, load_config
from linter.config.filters import RuleFilter
from linter.config.globs import Glob, compile_glob, covered, matched
from linter.documents import format_for_path
from linter.documents.reading import COPY_KEYS, COPY_PROPS, FRONT_MATTER_KEYS, ReadOptions
from linter.policy.meta_rules import META_RULES
from linter.policy.model import Policy, Rule


class Options(PlainData):
    """What the command line asked for; None and () mean "as configured"."""

    __slots__ = (
        "policies",
        "config",
        "isolated",
        "select",
        "ignore",
        "fail_on",
        "report_suppressed",
        "baseline",
        "stdin_filename",
        "jobs",
        "prefilter_raw",
        "exclude",
        "extend_exclude",
        "no_respect_gitignore",
    )

    def __init__(
        self,
        policies: tuple[str, ...] = (),
        config: str | None = None,  # --config FILE: this file for every path
        isolated: bool = False,  # --no-config: no configuration file at all
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] = (),
        fail_on: str | None = None,
        report_suppressed: bool = False,
        baseline: str | None = None,
        stdin_filename: str | None = None,
        jobs: int = 0,  # processes for a many-file run; 0 = one per core
        prefilter_raw: bool = False,  # skip archive pages whose bytes hold no trigger
        exclude: tuple[str, ...] = (),  # --exclude: replaces the configured exclude
        extend_exclude: tuple[str, ...] = (),  # --extend-exclude: added to it
        no_respect_gitignore: bool = False,  # walk into what .gitignore/.ignore ignore
    ) -> None:
        self.policies = policies
        self.config = config
        self.isolated = isolated
        self.select = select
        self.ignore = ignore
        self.fail_on = fail_on
        self.report_suppressed = report_suppressed
        self.baseline = baseline
        self.stdin_filename = stdin_filename
        self.jobs = jobs
        self.prefilter_raw = prefilter_raw
        self.exclude = exclude
        self.extend_exclude = extend_exclude
        self.no_respect_gitignore = no_respect_gitignore


class Reading(PlainData):
    """What is copy in code, data files and front matter, and which files hold shared copy."""

    __slots__ = ("copy_props", "copy_keys", "message_files", "root", "shared", "front_matter_keys")

    def __init__(
        self,
        copy_props: frozenset[str] = COPY_PROPS,
        copy_keys: frozenset[str] = COPY_KEYS,
        message_files: tuple[Glob, ...] | None = None,  # None: the default layouts
        root: str = "",  # the folder the globs are relative to ("" = working folder)
        shared: tuple[str, ...] = (),  # files whose copy counts as present for require rules
        front_matter_keys: frozenset[str] = FRONT_MATTER_KEYS,
    ) -> None:
        self.copy_props = copy_props
        self.copy_keys = copy_keys
        self.message_files = message_files
        self.root = root
        self.shared = shared
        self.front_matter_keys = front_matter_keys

    def options_for(self, path: str) -> ReadOptions:
        """The reader's options for one file: is a JSON file a message file?"""
        messages = False
        if format_for_path(path) == "json":
            from linter.config.discovery import DEFAULT_MESSAGE_GLOBS

            globs = DEFAULT_MESSAGE_GLOBS if self.message_files is None else self.message_files
            rel = os.path.relpath(os.path.abspath(path), self.root or os.getcwd())
            messages = matched(globs, rel.replace(os.sep, "/"))
        return ReadOptions(self.copy_props, self.copy_keys, messages, self.front_matter_keys)


class Settings(PlainData):
    """Everything linting one file needs; plain data, so it can cross processes."""

    __slots__ = ("policy", "rules", "fail_on", "report_suppressed", "known", "reading")

    def __init__(
        self,
        policy: Policy,
        rules: RuleFilter,
        fail_on: str = "error",
        report_suppressed: bool = False,
        known: frozenset[str] = frozenset(),  # the policy's rule ids, for suppressions
        reading: Reading | None = None,
    ) -> None:
        self.policy = policy
        self.rules = rules
        self.fail_on = fail_on
        self.report_suppressed = report_suppressed
        self.known = known
        self.reading = Reading() if reading is None else reading


class Resolver:
    """Finds the configuration and policy for each path, with caches."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self._explicit = load_config(options.config) if options.config else None
        self._by_folder: dict[str, Config | None] = {}
        self._policies: dict[tuple[str, ...], Policy] = {}
        self._checked: set[tuple[str, tuple[str, ...]]] = set()
        self._settings: dict[tuple[str, tuple[int, ...]], Settings] = {}
        #: --exclude and --extend-exclude, relative to the working folder.
        self._cli_exclude = tuple(
            compile_glob(g) for g in (*options.exclude, *options.extend_exclude)
        )
        self._unexcluded: dict[str, Config] = {}

    def config_for(self, path: str, *, folder: bool = False) -> Config:
        """The configuration that governs ``path`` (a file, or a folder)."""
        if self._explicit is not None:
            return self._explicit
        if self.options.isolated:
            return _NONE
        start = os.path.abspath(path if folder else os.path.dirname(path) or ".")
        return self._nearest(start) or _NONE

    def _nearest(self, folder: str) -> Config | None:
        """Search upward to the filesystem root; every folder passed is cached."""
        passed = []
        found: Config | None = None
        current = folder
        while True:
            if current in self._by_folder:
                found = self._by_folder[current]
                break
            passed.append(current)
            path = config_in(current)
            if path is not None:
                found = load_config(path)
                break
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        for f in passed:
            self._by_folder[f] = found
        return found

    def settings_for(self, path: str, *, folder: bool = False) -> Settings:
        """The settings for one path, built once per configuration and set of overrides."""
        config = self.config_for(path, folder=folder)
        overrides = () if folder else config.overrides_for(path)
        key = (config.path, overrides)
        settings = self._settings.get(key)
        if settings is None:
            settings = self._settings[key] = self._build(config, overrides)
        return settings

    def _build(self, config: Config, overrides: tuple[int, ...]) -> Settings:
        opts = self.options
        policy = self.policy(opts.policies or config.policies_for(overrides))
        known = frozenset(r.id for r in policy.rules)
        if (config.path, policy_key := tuple(policy.sources)) not in self._checked:
            # Rule ids in the file may belong to any pack it chooses for some folder.
            anywhere = set(known)
            if not opts.policies:
                for paths in config.policy_choices():
                    anywhere.update(r.id for r in self.policy(paths).rules)
            _check_rule_ids(config, opts, anywhere | set(META_RULES))
            self._checked.add((config.path, policy_key))
        rules = config.rule_filter(overrides)
        if opts.select is not None:
            rules = RuleFilter(frozenset(opts.select), severity=rules.severity)
        rules = rules.then(ignore=opts.ignore)
        fail_on = opts.fail_on or config.fail_on or "error"
        props, keys, front = config.copy_names(overrides)
        reading = Reading(props, keys, config.message_files, config.root, config.shared_copy, front)
        return Settings(policy, rules, fail_on, opts.report_suppressed, known, reading)

    def policy(self, paths: tuple[str, ...]) -> Policy:
        """The policy loaded from ``paths`` (the bundled pack when empty), loaded once per run."""
        policy = self._policies.get(paths)
        if policy is None:
            from linter.policy import load_policies

            policy = self._policies[paths] = load_policies(list(paths) or None)
        return policy

    def wants(self, path: str, *, walked: bool) -> bool:
        """Is this file linted? The configuration that governs it, and --exclude, decide."""
        config = self._walking(self.config_for(path))
        excluding = self._cli_exclude and (walked or config.force_exclude)
        if excluding and covered(self._cli_exclude, _from_here(path)):
            return False
        return config.wants(path, walked=walked)

    def wants_folder(self, path: str) -> bool:
        """Does a walk enter this folder? The configuration above it, and --exclude, decide."""
        if self._cli_exclude and covered(self._cli_exclude, _from_here(path)):
            return False
        return self._walking(self.config_for(path)).wants_folder(path)  # from the folder above

    def excluded(self, path: str) -> bool:
        """Is ``path`` excluded (configured or on the command line)? For text read from
        standard input under a name: an editor linting drafts/x.md honours the exclude."""
        config = self._walking(self.config_for(path))
        if config.exclude and covered(config.exclude, config.relative(path)):
            return True
        return bool(self._cli_exclude) and covered(self._cli_exclude, _from_here(path))

    def _walking(self, config: Config) -> Config:
        """The configuration as a walk sees it: ``--exclude`` replaces its exclude."""
        if not self.options.exclude or not config.exclude:
            return config
        found = self._unexcluded.get(config.path)
        if found is None:
            import copy

            found = self._unexcluded[config.path] = copy.copy(config)
            found.exclude = ()
        return found

    def policies(self) -> list[Policy]:
        """Every policy loaded so far, for the run context and the report's rule descriptions."""
        return list(self._policies.values())


_NONE = Config()


def _from_here(path: str) -> str:
    """``path`` relative to the working folder, with forward slashes, for command-line globs."""
    return os.path.relpath(os.path.abspath(path)).replace(os.sep, "/")


def _check_rule_ids(config: Config, opts: Options, known: set[str]) -> None:
    """Rule ids in the configuration and on the command line must exist."""
    config.check_rules(known)
    for flag, ids in (("--select", opts.select or ()), ("--ignore", opts.ignore)):
        for rule in ids:
            if rule not in known:
                raise ConfigError(f"unknown rule id {rule!r}{did_you_mean(rule, known)}", flag)


def describe(policies: list[Policy]) -> Policy | None:
    """One policy that describes every rule a run used, for formatters.

    Runs with one policy (nearly all) get it as it is; several policies are
    listed together for their rules' descriptions, never for linting.
    """
    if len(policies) <= 1:
        return policies[0] if policies else None
    rules: dict[str, Rule] = {}
    for p in policies:
        for rule in p.rules:
            rules.setdefault(rule.id, rule)
    name = " + ".join(dict.fromkeys(p.name for p in policies))
    sources = list(dict.fromkeys(s for p in policies for s in p.sources))
    return Policy(name, list(rules.values()), [], sources)
