"""Settings: from ``commentguard.toml``, ``[tool.commentguard]`` in pyproject.toml, and env vars.

Precedence, highest first: keyword arguments, ``COMMENTGUARD_*`` environment variables (nested
keys joined by ``__``, as in ``COMMENTGUARD_CHECKS__LINKS__MAX_LINKS=3``), ``commentguard.toml``
in the working directory, then ``[tool.commentguard]`` in the nearest ``pyproject.toml``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import (
    Field,
    PositiveInt,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    PyprojectTomlConfigSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)
from pydantic_settings import SettingsError as PydanticSettingsError

from commentguard._errors import SettingsError
from commentguard._models import EmailOptions, SubmissionLimits, ValidationOptions, Verdict
from commentguard._redaction import redacted
from commentguard._secret_key import GENERATE_KEY_COMMAND, MIN_CHARS, secret_key_weakness
from commentguard.i18n import SOURCE_LOCALE, available_locales, is_available, normalize_locale


class Settings(BaseSettings):
    """Configuration of a :class:`~commentguard.Guard` and everything it runs."""

    model_config = SettingsConfigDict(
        env_prefix="COMMENTGUARD_",
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
        # pydantic's errors would quote the input: the secret key, a store URL's password.
        hide_input_in_errors=True,
        toml_file="commentguard.toml",
        pyproject_toml_table_header=("tool", "commentguard"),
        pyproject_toml_depth=3,
    )

    secret_key: SecretStr | None = Field(
        None,
        description="Signs form tokens and keys the hashes of email addresses: a random string "
        "of 32 characters or more. Required for form tokens and for a store that persists.",
    )
    development_mode: bool = Field(
        False,
        description="For a developer's machine: accept a weak secret_key, or none with a store "
        "that persists (a warning is logged). Never on a site.",
    )
    store: str = Field(
        "memory://",
        description="Where checks remember things: memory://, sqlite:///file.db or "
        "redis://host:port/db.",
    )
    limits: SubmissionLimits = SubmissionLimits()
    email: EmailOptions = EmailOptions()
    checks: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Per-check sections, ``[checks.<name>]``, validated by each check's model. "
        "A section for a check that is not installed is an error, unless it only disables it "
        "(``enabled = false``): then a warning.",
    )
    short_circuit: frozenset[Verdict] = Field(
        frozenset({Verdict.DISCARD, Verdict.REJECT}),
        description="Stop running further checks once a finding asks for one of these.",
    )
    locale: str = Field(
        SOURCE_LOCALE,
        description="Language of the messages readers see (field errors, author messages): "
        "en, de or fr, optionally with a region (de_AT). Django follows each request's "
        "language instead.",
    )
    batch_size: PositiveInt = Field(64, description="Submissions per batch in moderate_many.")
    disable_plugins: Annotated[tuple[str, ...], NoDecode] = Field(
        (), description="Plugin names never to load (env: comma-separated)."
    )

    _sources_file: ClassVar[Path | None] = None

    @field_validator("disable_plugins", mode="before")
    @classmethod
    def _split_names(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(name.strip() for name in value.split(",") if name.strip())
        return value

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        normalized = normalize_locale(value)
        if normalized is None or not is_available(normalized):
            raise PydanticCustomError(
                "locale_unknown",
                "no messages in this language; commentguard has {locales}",
                {"locales": ", ".join(available_locales())},
            )
        return normalized

    @model_validator(mode="after")
    def _refuse_a_weak_secret_key(self) -> Settings:
        if self.secret_key is not None and not self.secret_key.get_secret_value():
            # Django's rule too: an empty key (COMMENTGUARD_SECRET_KEY=) is a mistake in any mode.
            raise PydanticCustomError(
                "secret_key_empty",
                "secret_key: the key is empty; set a random string of {min_chars} characters "
                "or more, such as the output of {hint}, or leave secret_key unset",
                {"min_chars": MIN_CHARS, "hint": GENERATE_KEY_COMMAND},
            )
        problem = self.secret_key_problem
        if problem is not None and not self.development_mode:
            raise PydanticCustomError(
                "secret_key_weak",
                "secret_key: {problem}. Set secret_key (COMMENTGUARD_SECRET_KEY) to a random "
                "string of {min_chars} characters or more, such as the output of {hint}; on a "
                "developer's machine, development_mode (COMMENTGUARD_DEVELOPMENT_MODE=true) "
                "accepts a weak one",
                {"problem": problem, "min_chars": MIN_CHARS, "hint": GENERATE_KEY_COMMAND},
            )
        return self

    @property
    def secret_key_problem(self) -> str | None:
        """Why ``secret_key`` cannot protect this site, or ``None`` when it can.

        A key is weak when it is shorter than 32 characters, has fewer than 5 different ones,
        or is a placeholder from the documentation. No key at all is fine with a ``memory://``
        store (form tokens are then not checked), but not with a store that persists: its
        hashes of email addresses would use a fixed key anyone can read in commentguard's
        source. Settings with a problem exist only in ``development_mode``.
        """
        if self.secret_key is None:
            if self.store.startswith("memory:"):
                return None
            return (
                f"it is not set, and the store {redacted(self.store)!r} would keep hashes of "
                "email addresses that anyone holding the store can compute without one"
            )
        why = secret_key_weakness(self.secret_key.get_secret_value())
        return None if why is None else f"the key {why}"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Read init kwargs, then the environment, then commentguard.toml, then pyproject."""
        toml_file = cls._sources_file or Path("commentguard.toml")
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=toml_file),
            PyprojectTomlConfigSettingsSource(settings_cls),
        )

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # The store URL may hold a password (redis://:pw@host/0), and reprs end up in logs.
        for name, value in super().__repr_args__():
            yield name, redacted(value) if name == "store" and isinstance(value, str) else value

    @property
    def validation(self) -> ValidationOptions:
        """The options submissions are validated with."""
        return ValidationOptions(limits=self.limits, email=self.email)

    @classmethod
    def load(cls, config_file: str | Path | None = None, **overrides: Any) -> Settings:
        """Build settings from the usual sources, or from ``config_file`` instead of the default.

        Raises:
            SettingsError: naming the file or the key that is wrong.
        """
        source = cls
        if config_file is not None:
            path = Path(config_file)
            if not path.is_file():
                raise SettingsError(f"{path}: configuration file not found")
            source = type("Settings", (cls,), {"_sources_file": path})
        try:
            return source(**overrides)
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"configuration file is not valid TOML: {exc}") from None
        except ValidationError as exc:
            raise settings_error(exc) from None
        except PydanticSettingsError as exc:  # an environment value that is not valid JSON
            raise SettingsError(f"invalid settings: {exc}") from None


def settings_error(exc: ValidationError, prefix: str = "") -> SettingsError:
    """Turn a pydantic error into a :class:`SettingsError` whose message names each key."""
    problems = []
    for error in exc.errors(include_url=False, include_input=False):
        parts = [prefix] if prefix else []
        key = ".".join([*parts, *(str(part) for part in error["loc"])])
        message = "unknown setting" if error["type"] == "extra_forbidden" else error["msg"]
        # A rule across settings names its keys itself ("secret_key: ...").
        problems.append(f"{key}: {message}" if key else message)
    return SettingsError("invalid settings: " + "; ".join(problems))
