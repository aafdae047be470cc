"""Vedtak (service decisions) as the source of a unit's demand.

A vedtak says what a client is granted: a service, hours a week, the time windows it is given in,
how many staff at once, and the competence and Sami language it needs. Clients are ids, never
names: vedtak are health data. Per service the unit says how many clients one staff member serves
at once (a relief home shares its staff; home care does not) and what share of the staff's time
goes to travel and indirect work. `rota.vedtak_demand` turns them into the demand profile.
"""

from __future__ import annotations

import re
from datetime import date, time
from enum import StrEnum

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from models.base import Frozen
from models.clock import MINUTES_PER_DAY, minute_of_day
from models.demand import ALL_WEEKDAYS
from models.employee import LanguageCode
from models.shift import ClockTime

# A client id: letters, digits and - _ . only, so that a name (with its space) is refused.
CLIENT_ID = re.compile(r"^[A-Za-z0-9_.-]{1,24}$")


class Service(StrEnum):
    """The services a vedtak grants (helse- og omsorgstjenesteloven § 3-2)."""

    HJEMMESYKEPLEIE = "hjemmesykepleie"
    PRAKTISK_BISTAND = "praktisk_bistand"
    AVLASTNING = "avlastning"
    BPA = "bpa"
    BOFELLESSKAP = "bofellesskap"

    def label(self, lang: str = "nb") -> str:
        return SERVICE_LABELS[self][0 if lang == "nb" else 1]


SERVICE_LABELS: dict[Service, tuple[str, str]] = {
    Service.HJEMMESYKEPLEIE: ("hjemmesykepleie", "home nursing"),
    Service.PRAKTISK_BISTAND: ("praktisk bistand", "practical assistance"),
    Service.AVLASTNING: ("avlastning", "relief care"),
    Service.BPA: ("BPA", "user-controlled personal assistance"),
    Service.BOFELLESSKAP: ("bofellesskap", "shared housing"),
}


class Window(Frozen):
    """When a vedtak's hours are given: a time of day on some weekdays. An end at or before the
    start runs past midnight into the next day."""

    weekdays: tuple[int, ...] = Field(
        default=ALL_WEEKDAYS, description="Weekdays the window applies to, 0 = Monday."
    )
    start: ClockTime = Field(description="Clock time the window opens.")
    end: ClockTime = Field(description="Clock time it closes; at or before start: the next day.")

    @field_validator("weekdays")
    @classmethod
    def _weekdays(cls, weekdays: tuple[int, ...]) -> tuple[int, ...]:
        if not weekdays:
            raise PydanticCustomError("no_days", "no_days")
        if any(not 0 <= weekday <= 6 for weekday in weekdays):
            raise PydanticCustomError("weekday_out_of_range", "weekday_out_of_range")
        return tuple(sorted(set(weekdays)))

    @property
    def start_minute(self) -> int:
        return minute_of_day(self.start)

    @property
    def length_minutes(self) -> int:
        length = minute_of_day(self.end) - self.start_minute
        return length if length > 0 else length + MINUTES_PER_DAY

    def label(self) -> str:
        return f"{_clock(self.start)}-{_clock(self.end)}"


def _clock(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


class Vedtak(Frozen):
    """One client's service decision."""

    client: str = Field(description="Client id (never a name).")
    service: Service
    hours_per_week: float = Field(gt=0, le=168 * 4, description="Hours granted per week.")
    windows: tuple[Window, ...] = Field(min_length=1, description="When the hours are given.")
    staff: int = Field(default=1, ge=1, le=4, description="Staff at once (2 = double staffing).")
    competence: str | None = Field(default=None, description="Competence the service needs.")
    language: LanguageCode | None = Field(default=None, description="Sami language needed.")
    valid_from: date | None = None
    valid_to: date | None = None

    @field_validator("client")
    @classmethod
    def _client_id(cls, client: str) -> str:
        if not CLIENT_ID.match(client):
            raise PydanticCustomError("client_id", "client_id")
        return client

    @model_validator(mode="after")
    def _consistent(self) -> Vedtak:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise PydanticCustomError("valid_to_before_from", "valid_to_before_from")
        granted = self.window_minutes_per_week / 60
        if self.hours_per_week > granted + 1e-6:
            raise PydanticCustomError(
                "hours_beyond_windows",
                "hours_beyond_windows",
                {"hours": self.hours_per_week, "windows": granted},
            )
        return self

    @property
    def window_minutes_per_week(self) -> int:
        """The windows' minutes in a week: how long the hours may be spread over."""
        return sum(w.length_minutes * len(w.weekdays) for w in self.windows)

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class ServiceSetting(Frozen):
    """How one service turns granted hours into staff."""

    clients_per_staff: float = Field(
        default=1.0,
        gt=0,
        le=20,
        description="Clients one staff member serves at once (a relief home of four with two"
        " staff on: 2).",
    )
    indirect_pct: float = Field(
        default=0.0,
        ge=0,
        lt=90,
        description="Share of staff time for travel and indirect work (home care), in %.",
    )


class VedtakBook(Frozen):
    """A unit's vedtak and how each service turns hours into staff."""

    services: dict[Service, ServiceSetting] = Field(default_factory=dict)
    vedtak: tuple[Vedtak, ...] = Field(min_length=1)
    reference_date: date | None = Field(
        default=None,
        description="The day whose valid vedtak make the demand (default: the plan's start, or"
        " 1 January of the budget year).",
    )

    @model_validator(mode="after")
    def _no_copies(self) -> VedtakBook:
        seen: set[tuple[str, Service, tuple[Window, ...]]] = set()
        for index, vedtak in enumerate(self.vedtak):
            key = (vedtak.client, vedtak.service, vedtak.windows)
            if key in seen:
                raise PydanticCustomError(
                    "duplicate_vedtak",
                    "duplicate_vedtak",
                    {"index": index, "client": vedtak.client, "service": vedtak.service.value},
                )
            seen.add(key)
        return self

    def setting(self, service: Service) -> ServiceSetting:
        return self.services.get(service, ServiceSetting())
