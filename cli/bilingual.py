"""`--help` in bokmål unless the language is English: the commands' and options' texts are
written in English beside the code, and their bokmål is looked up here (a test holds every text
to having one). Click's own words (Usage, Options, Commands) are put in bokmål as well."""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

DETERMINISTIC_NB = (
    "Én arbeider, fast frø, arbeid i stedet for klokka: samme resultat hver gang, på enhver"
    " maskin under enhver last. Tidsgrensen teller da CP-SATs deterministiske arbeidsenheter,"
    " ikke sekunder: tiden på klokka blir ofte 2-4 ganger grensen, og hvert søk stanses ved 10"
    " ganger grensen på klokka."
)
TURNUS_NB = (
    "Dagens turnus (en arbeidsbok fra `rota solve`): brukes som dagens i stedet for å lage en,"
    " så alle kommandoer prissetter samme dagens turnus."
)
PARAMS_NB = "Innstillinger for søket fra en YAML-fil; valgene på kommandolinja går foran."

HELP_NB: dict[str, str] = {
    # The year (årsturnus).
    "Plan UNIT's year (årsturnus): the grunnturnus over the year's dates, public holidays,\n"
    "each person's vacation with vacation cover, and yearly hours; write the year's workbook.": (
        "Planlegg året for UNIT (årsturnus): grunnturnusen over årets datoer, helligdager, hver"
        " persons ferie med feriedekning, og årstimer; skriv årets arbeidsbok."
    ),
    "The year to plan (default: the year file's, else next year).": (
        "Året som planlegges (standard: årsfilas år, ellers neste år)."
    ),
    "Vacation wishes, agreed weeks and who worked Christmas and Easter last year (YAML).": (
        "Ferieønsker, avtalte ferieuker og hvem som jobbet jul og påske i fjor (YAML)."
    ),
    "The year's workbook to write (default: <UNIT name>-aarsturnus-<year>.xlsx here).": (
        "Årets arbeidsbok som skrives (standard: <UNIT-navn>-aarsturnus-<år>.xlsx her)."
    ),
    "Seconds for the whole plan: a fifth for the grunnturnus (unless --turnus gives it),"
    " the rest for the year, month by month.": (
        "Sekunder for hele planen: en femdel til grunnturnusen (med mindre --turnus gir den),"
        " resten til året, måned for måned."
    ),
    "Add a sheet per person with their year.": "Legg til et ark per person med året deres.",
    "Add a sheet per person with their rota.": ("Legg til et ark per person med turnusen deres."),
    # Commands.
    "The municipality: units by service area, their scenarios and the economic plan.": (
        "Kommunen: enheter per tjenesteområde, scenarioene deres og økonomiplanen."
    ),
    "Solve every unit of PORTFOLIO today and each of its scenarios, and write the\n"
    "municipality workbook: service areas, units against their frames, the economic plan.": (
        "Løs hver enhet i PORTFOLIO slik den er i dag og hvert av scenarioene dens, og skriv"
        " kommunens arbeidsbok: tjenesteområder, enheter mot rammene, økonomiplanen."
    ),
    "The municipality workbook to write.": "Kommunens arbeidsbok som skrives.",
    "Dask workers of the local cluster: scenarios solved at the same time.": (
        "Dask-arbeidere i den lokale klyngen: scenarioer som løses samtidig."
    ),
    "An existing Dask scheduler to run on (tls://host:port; plain tcp:// only on this machine).": (
        "En Dask-planlegger som finnes fra før (tls://vert:port; ukryptert tcp:// bare på denne"
        " maskinen)."
    ),
    "TLS: the CA file.": "TLS: CA-fila.",
    "TLS: this client's certificate.": "TLS: sertifikatet til denne klienten.",
    "TLS: its private key.": "TLS: den private nøkkelen.",
    "Show how UNIT's demand is made from its vedtak: vedtak, staff hours, hours and heads\n"
    "per shift, årsverk and kroner, and any window no shift covers.\n\n"
    "Exit code 1 when a vedtak has a window no shift covers.": (
        "Vis hvordan bemanningen til UNIT lages av vedtakene: vedtak, ansatt-timer, timer og"
        " hoder per vakt, årsverk og kroner, og tidsvinduer ingen vakt dekker.\n\n"
        "Avslutningskode 1 når et vedtak har et tidsvindu ingen vakt dekker."
    ),
    "rota: staffing and rota optimisation for Norwegian municipal health and care.": (
        "rota: bemanning og turnus for kommunal helse og omsorg."
    ),
    "Write the input workbook (Excel) for a unit to FILE.": (
        "Skriv inndata-arbeidsboka (Excel) for en enhet til FILE."
    ),
    "Check a unit file; print every problem with its place, or the capacity balance.": (
        "Kontroller en enhetsfil: hvert problem med hvor det er, eller kapasitetsbalansen."
    ),
    "Print the JSON Schema of a unit file (for editors and YAML checking).": (
        "Skriv ut JSON-skjemaet for en enhetsfil (for redigeringsprogrammer og YAML-kontroll)."
    ),
    "Make a rota for UNIT (.xlsx or .yaml) and write it as a workbook.": (
        "Lag turnus for UNIT (.xlsx eller .yaml) og skriv den som arbeidsbok."
    ),
    "Plan position sizes for more full-time positions (heltid) within the budget and FTE\n"
    "frames, with the rota that shows it works, and write the plan workbook.": (
        "Planlegg stillingsstørrelser for flere hele stillinger innenfor budsjett- og"
        " årsverksrammen, med turnusen som viser at det går, og skriv planen som arbeidsbok."
    ),
    "The fewest årsverk by competence that cover the staffing plan under every rule and the\n"
    "weekend frequency, against today's staff and the FTE frame.": (
        "Færrest årsverk per kompetanse som dekker bemanningsplanen etter alle regler og"
        " helgefrekvensen, mot dagens ansatte og årsverksrammen."
    ),
    "Check a rota workbook (made by rota or edited by hand) against the unit's rules.\n\n"
    "Exit code 1 when a rule is broken; cover gaps alone are shown but pass.": (
        "Kontroller en turnus-arbeidsbok (laget av rota eller endret for hånd) mot enhetens"
        " regler.\n\nAvslutningskode 1 når en regel er brutt; mangler i dekningen vises, men"
        " går gjennom."
    ),
    "Write the demo units (workbook and YAML) to a folder, show their capacity balance, make\n"
    "a rota for each, and compare the demo scenarios against the budget frame.": (
        "Skriv demo-enhetene (arbeidsbok og YAML) til en mappe, vis kapasitetsbalansen, lag"
        " turnus for hver og sammenlign demo-scenarioene med budsjettrammen."
    ),
    "What-if scenarios: a base unit and typed changes, compared against the budget frame.": (
        "Hva-om-scenarioer: en grunnenhet og endringer, sammenlignet med budsjettrammen."
    ),
    "Solve the scenario FILES side by side and write the comparison workbook.": (
        "Løs scenariofilene FILES side om side og skriv sammenligningen som arbeidsbok."
    ),
    # Options.
    "Show the version and exit.": "Vis versjonen og avslutt.",
    "Show this message and exit.": "Vis denne hjelpeteksten og avslutt.",
    "Language of messages and reports: nb (bokmål) or en.": (
        "Språk i meldinger og rapporter: nb (bokmål) eller en (engelsk)."
    ),
    "Fill the template with the demo nursing-home ward.": (
        "Fyll malen med demo-avdelingen på sykehjemmet."
    ),
    "Write over FILE when it exists.": "Skriv over FILE om den finnes.",
    "The rota workbook to write (default: <UNIT name>-turnus.xlsx here).": (
        "Turnus-arbeidsboka som skrives (standard: <UNIT-navn>-turnus.xlsx her)."
    ),
    "Stop searching after this many seconds (default 60; it stops sooner when the rota has"
    " not improved for 10 s).": (
        "Stans søket etter så mange sekunder (standard 60; det stanser før når turnusen ikke"
        " er blitt bedre på 10 s)."
    ),
    "One worker, fixed seed: the same rota every run. The time limit then counts CP-SAT's"
    " deterministic work units, not seconds (the wall time is often 2-4 times the limit; each"
    " search is cut off at 10 times its limit on the clock).": DETERMINISTIC_NB,
    "One worker, fixed seed, work instead of the clock: the same result every run, on any"
    " machine under any load. The time limit then counts CP-SAT's deterministic work units,"
    " not seconds: the wall time is often 2-4 times the limit, and each search is cut off at 10"
    " times its limit on the clock.": DETERMINISTIC_NB,
    "One worker, fixed seed: the same result every run.": (
        "Én arbeider, fast frø: samme resultat hver gang."
    ),
    "Random seed of the search.": "Tilfeldig frø for søket.",
    "Search workers; 0 means all cores.": "Antall søkearbeidere; 0 betyr alle kjerner.",
    "Solver settings from a YAML file; the options override it.": PARAMS_NB,
    "Today's rota (a workbook from `rota solve`): used as today instead of making one, so that"
    " every command prices the same today.": TURNUS_NB,
    "Heltidsandel to reach at the lowest cost (0.5 or 50 for 50 %), instead of the most"
    " full-time positions.": (
        "Heltidsandel som skal nås til lavest kostnad (0,5 eller 50 for 50 %), i stedet for"
        " flest mulig hele stillinger."
    ),
    "Position sizes in steps of this many per cent.": "Stillingsstørrelser i trinn på så mange prosent.",
    "New full-time positions the plan may create, e.g. --new HFA=2 (repeatable).": (
        "Nye hele stillinger planen kan opprette, f.eks. --new HFA=2 (kan gjentas)."
    ),
    "The plan workbook to write (default: <UNIT name>-heltidsplan.xlsx here).": (
        "Plan-arbeidsboka som skrives (standard: <UNIT-navn>-heltidsplan.xlsx her)."
    ),
    "Most seconds for the whole plan (today's rota, most full-time, lowest cost).": (
        "Høyst så mange sekunder for hele planen (dagens turnus, flest hele stillinger, lavest"
        " kostnad)."
    ),
    "Also show which shifts lose cover with this many fewer årsverk (FTE).": (
        "Vis også hvilke vakter som mister dekning med så mange færre årsverk."
    ),
    "Most seconds for the FTE need (and as much again for the cut).": (
        "Høyst så mange sekunder for årsverksbehovet (og like mange for kuttet)."
    ),
    "The unit the rota is for (.xlsx or .yaml).": "Enheten turnusen gjelder (.xlsx eller .yaml).",
    "Folder for the demo files.": "Mappe for demo-filene.",
    "Most seconds to search for each demo unit's rota (it stops sooner when the rota has not"
    " improved for 10 s).": (
        "Høyst så mange sekunder søk etter turnus for hver demo-enhet (det stanser før når"
        " turnusen ikke er blitt bedre på 10 s)."
    ),
    "Most seconds for each demo scenario's rota.": (
        "Høyst så mange sekunder for turnusen i hvert demo-scenario."
    ),
    "Also run the demo scenarios and write their comparison workbook.": (
        "Kjør også demo-scenarioene og skriv sammenligningen som arbeidsbok."
    ),
    "The comparison workbook to write.": "Sammenlignings-arbeidsboka som skrives.",
    "Most seconds for each scenario's rota.": "Høyst så mange sekunder for hvert scenarios turnus.",
    "Scenarios solved at the same time (each in its own process).": (
        "Antall scenarioer som løses samtidig (hvert i sin egen prosess)."
    ),
    "Also write the comparison as CSV.": "Skriv også sammenligningen som CSV.",
    "Also write the comparison as JSON.": "Skriv også sammenligningen som JSON.",
}


USAGE_NB = {"[OPTIONS]": "[VALG]", "COMMAND [ARGS]...": "KOMMANDO [ARGUMENTER]..."}


def help_lang() -> str:
    """The language of `--help`: `--lang` where it is given (anywhere on the command line:
    `--help` is read before the options after it), else ROTA_LANG, else bokmål."""
    args: Sequence[str] = sys.argv[1:]
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("ROTA_LANG") or "nb"


def in_help_lang(text: str | None) -> str | None:
    """The text in the help's language (English as written, else its bokmål)."""
    if text is None or help_lang() == "en":
        return text
    return HELP_NB.get(inspect.cleandoc(text), text)


class _Bokmal:
    """Click's own headings in bokmål where the help is."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = " ".join(self.collect_usage_pieces(ctx))  # type: ignore[attr-defined]
        if help_lang() == "en":
            formatter.write_usage(ctx.command_path, pieces, "Usage: ")
            return
        for english, bokmal in USAGE_NB.items():
            pieces = pieces.replace(english, bokmal)
        formatter.write_usage(ctx.command_path, pieces, "Bruk: ")

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = in_help_lang(self.help)  # type: ignore[attr-defined]
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(inspect.cleandoc(text))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [
            record
            for param in self.get_params(ctx)  # type: ignore[attr-defined]
            if isinstance(param, click.Option)
            and (record := param.get_help_record(ctx)) is not None
        ]
        if records:
            with formatter.section("Options" if help_lang() == "en" else "Valg"):
                formatter.write_dl(records)


class BilingualOption(click.Option):
    """An option whose help is shown in bokmål unless the language is English."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        if record is None or help_lang() == "en":
            return record
        names, text = record
        english = self.help or ""
        translated = in_help_lang(english) or ""
        text = text.replace(english, translated, 1) if english else text
        text = text.replace("[default: ", "[standard: ").replace("[required]", "[påkrevd]")
        return names, text


def short_help(text: str | None, limit: int) -> str:
    """The first sentence of a help text, cut to `limit` characters at a word."""
    words = inspect.cleandoc(text or "").split("\n\n")[0].split()
    shown = ""
    for word in words:
        longer = f"{shown} {word}" if shown else word
        if len(longer) > limit - 3 and shown:
            return shown + "..."
        shown = longer
        if word.endswith("."):
            break
    return shown


class BilingualCommand(_Bokmal, click.Command):
    def get_short_help_str(self, limit: int = 45) -> str:
        return short_help(in_help_lang(self.help), limit)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _help_option(super().get_help_option(ctx))


class BilingualGroup(_Bokmal, click.Group):
    command_class = BilingualCommand

    def get_short_help_str(self, limit: int = 45) -> str:
        return short_help(in_help_lang(self.help), limit)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _help_option(super().get_help_option(ctx))

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commands" if help_lang() == "en" else "Kommandoer"):
                formatter.write_dl(rows)


BilingualGroup.group_class = BilingualGroup


def _help_option(option: click.Option | None) -> click.Option | None:
    if option is not None and help_lang() != "en":
        option.help = HELP_NB["Show this message and exit."]
    return option


F = TypeVar("F", bound=Callable[..., Any])


def option(*names: str, **attributes: Any) -> Callable[[F], F]:
    """`click.option` with help in bokmål unless the language is English."""
    return click.option(*names, cls=BilingualOption, **attributes)
