"""Sqitch's item formatter: the ``%X`` codes of ``log`` and ``plan`` and the date formats.

A port of App::Sqitch::ItemFormatter (on String::Formatter's ``%-10.5{arg}X`` syntax),
App::Sqitch::DateTime's ``as_string`` and the parts of DateTime it relies on
(``strftime``, ``format_cldr``, the en-US locale -- what Sqitch uses in the C locale).
Items are mappings with Sqitch's keys: event, project, change_id, change, note, tags,
requires, conflicts, committed_at, committer_name, committer_email, planned_at,
planner_name, planner_email (a plan change has no committed_* keys).
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, Mapping

from chaindb.errors import ChaindbError
from chaindb.plan_syntax import format_timestamp


class FormatError(ChaindbError):
    """A bad format string, format code, label, color or date format."""


# ====================================================================== named formats
# Command/log.pm's and Command/plan.pm's %FORMATS, verbatim.
LOG_FORMATS = {
    "raw": ("%{:event}C%e %H%{reset}C%T\nname      %n\nproject   %o\n"
            "%{requires}a%{conflicts}aplanner   %{name}p <%{email}p>\nplanned   %{date:raw}p\n"
            "committer %{name}c <%{email}c>\ncommitted %{date:raw}c\n\n%{    }B\n"),
    "full": ("%{:event}C%L %h%{reset}C%T\n%{name}_ %n\n%{project}_ %o\n"
             "%R%X%{planner}_ %p\n%{planned}_ %{date}p\n%{committer}_ %c\n"
             "%{committed}_ %{date}c\n\n%{    }B\n"),
    "long": ("%{:event}C%L %h%{reset}C%T\n%{name}_ %n\n%{project}_ %o\n%{planner}_ %p\n"
             "%{committer}_ %c\n\n%{    }B\n"),
    "medium": ("%{:event}C%L %h%{reset}C\n%{name}_ %n\n%{committer}_ %c\n"
               "%{date}_ %{date}c\n\n%{    }B\n"),
    "short": "%{:event}C%L %h%{reset}C\n%{name}_ %n\n%{committer}_ %c\n\n%{    }s\n",
    "oneline": "%{:event}C%h %l%{reset}C %o:%n %s",
}
PLAN_FORMATS = {
    "raw": ("%{:event}C%e %H%{reset}C%T\nname      %n\nproject   %o\n"
            "%{requires}a%{conflicts}aplanner   %{name}p <%{email}p>\n"
            "planned   %{date:raw}p\n\n%{    }B\n"),
    "full": ("%{:event}C%L %h%{reset}C%T\n%{name}_ %n\n%{project}_ %o\n"
             "%R%X%{planner}_ %p\n%{planned}_ %{date}p\n\n%{    }B\n"),
    "long": ("%{:event}C%L %h%{reset}C%T\n%{name}_ %n\n%{project}_ %o\n%{planner}_ %p\n\n"
             "%{    }B\n"),
    "medium": ("%{:event}C%L %h%{reset}C\n%{name}_ %n\n%{planner}_ %p\n"
               "%{date}_ %{date}p\n\n%{    }B\n"),
    "short": "%{:event}C%L %h%{reset}C\n%{name}_ %n\n%{planner}_ %p\n\n%{    }s\n",
    "oneline": "%{:event}C%h %l%{reset}C %n%{cyan}C%t%{reset}C",
}


def resolve_format(spec: str, named: Mapping[str, str], what: str) -> str:
    """``format:<template>`` or one of the ``named`` formats (Sqitch's configure)."""
    if spec.startswith("format:"):
        return spec[len("format:"):]
    if spec not in named:
        raise FormatError(f'Unknown {what} format "{spec}"')
    return named[spec]


# ====================================================================== dates
DATE_FORMATS = ("raw", "iso", "iso8601", "rfc", "rfc2822", "full", "long", "medium", "short")


def validate_date_format(fmt: str) -> str:
    """App::Sqitch::DateTime->validate_as_string_format: returns ``fmt`` or raises."""
    if fmt in DATE_FORMATS or re.match(r"(?:cldr|strftime):", fmt):
        return fmt
    raise FormatError(f'Unknown date format "{fmt}"')


class _Locale:
    """The en-US data of DateTime::Locale (what Sqitch loads for C, C.UTF-8 and POSIX)."""

    months = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
    months_abbr = tuple(m[:3] for m in months)
    months_narrow = tuple(m[0] for m in months)
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    days_abbr = tuple(d[:3] for d in days)
    days_narrow = tuple(d[0] for d in days)
    quarters = ("1st quarter", "2nd quarter", "3rd quarter", "4th quarter")
    quarters_abbr = ("Q1", "Q2", "Q3", "Q4")
    eras = ("Before Christ", "Anno Domini")
    eras_abbr = ("BC", "AD")
    eras_narrow = ("B", "A")
    am_pm = ("AM", "PM")
    first_day_of_week = 7                                  # Sunday
    # CLDR 42+ puts a narrow no-break space before the day period.
    datetime_formats = {
        "full": "EEEE, MMMM d, y, h:mm:ss\u202fa zzzz",
        "long": "MMMM d, y, h:mm:ss\u202fa z",
        "medium": "MMM d, y, h:mm:ss\u202fa",
        "short": "M/d/yy, h:mm\u202fa",
        "default": "MMM d, y, h:mm:ss\u202fa",
    }
    date_default = "MMM d, y"
    time_default = "h:mm:ss\u202fa"


# DateTime::TimeZone's links to UTC (other links are not resolved: a zone is shown by the
# name it was configured with).
_UTC_ALIASES = frozenset((
    "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu", "GMT",
    "Etc/GMT", "Etc/GMT+0", "Etc/GMT-0", "Etc/GMT0", "Etc/Greenwich", "GMT+0", "GMT-0",
    "GMT0", "Greenwich"))


def _local_zone_name() -> str:
    """The Olson name DateTime::TimeZone::Local finds: $TZ, /etc/localtime, /etc/timezone."""
    name = os.environ.get("TZ", "").lstrip(":")
    localtime = Path("/etc/localtime")
    if not name and localtime.is_symlink():
        target = os.path.realpath(localtime)
        if "zoneinfo/" in target:
            name = target.split("zoneinfo/", 1)[1]
    if not name:
        try:
            name = Path("/etc/timezone").read_text().strip()
        except OSError:
            pass
    return "UTC" if not name or name in _UTC_ALIASES else name


def _offset(dt: datetime, sep: str = "") -> str:
    """DateTime::TimeZone->offset_as_string: +HHMM (or +HH:MM)."""
    seconds = int(dt.utcoffset().total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    text = f"{sign}{hours:02d}{sep}{rest // 60:02d}"
    return text + (f"{sep}{rest % 60:02d}" if rest % 60 else "")


class _DateTime:
    """The DateTime accessors that strftime and format_cldr use, on a local datetime."""

    def __init__(self, dt: datetime):
        self.dt = dt
        self.locale = _Locale

    # fields
    year = property(lambda self: self.dt.year)
    month = property(lambda self: self.dt.month)
    day = property(lambda self: self.dt.day)
    hour = property(lambda self: self.dt.hour)
    minute = property(lambda self: self.dt.minute)
    second = property(lambda self: self.dt.second)
    day_of_week = property(lambda self: self.dt.isoweekday())            # 1 = Monday
    day_of_year = property(lambda self: self.dt.timetuple().tm_yday)
    quarter = property(lambda self: (self.dt.month - 1) // 3 + 1)
    week_year = property(lambda self: self.dt.isocalendar()[0])
    week_number = property(lambda self: self.dt.isocalendar()[1])
    hour_12 = property(lambda self: self.dt.hour % 12 or 12)
    hour_12_0 = property(lambda self: self.dt.hour % 12)
    hour_1 = property(lambda self: self.dt.hour or 24)
    am_or_pm = property(lambda self: _Locale.am_pm[self.dt.hour >= 12])
    epoch = property(lambda self: int(self.dt.timestamp()))
    nanosecond = property(lambda self: self.dt.microsecond * 1000)
    millisecond = property(lambda self: self.dt.microsecond // 1000)
    day_name = property(lambda self: _Locale.days[self.dt.weekday()])
    day_abbr = property(lambda self: _Locale.days_abbr[self.dt.weekday()])
    month_name = property(lambda self: _Locale.months[self.dt.month - 1])
    month_abbr = property(lambda self: _Locale.months_abbr[self.dt.month - 1])
    time_zone_short_name = property(lambda self: self.dt.tzname())
    time_zone_long_name = property(lambda self: _local_zone_name())
    offset = property(lambda self: int(self.dt.utcoffset().total_seconds()))
    ymd = property(lambda self: f"{self.dt.year:04d}-{self.dt.month:02d}-{self.dt.day:02d}")
    hms = property(lambda self: f"{self.dt.hour:02d}:{self.dt.minute:02d}:{self.dt.second:02d}")
    mdy = property(lambda self: f"{self.dt.month:02d}-{self.dt.day:02d}-{self.dt.year:04d}")
    dmy = property(lambda self: f"{self.dt.day:02d}-{self.dt.month:02d}-{self.dt.year:04d}")
    iso8601 = property(lambda self: f"{self.ymd}T{self.hms}")
    datetime = iso8601
    week_of_month = property(lambda self: (self.dt.day + 4 - self.day_of_week + 6) // 7)
    weekday_of_month = property(lambda self: (self.dt.day - 1) // 7 + 1)
    local_day_of_week = property(
        lambda self: 1 + (self.day_of_week - _Locale.first_day_of_week) % 7)
    era_index = property(lambda self: 1 if self.dt.year > 0 else 0)

    @property
    def mjd(self) -> int:
        utc = self.dt.astimezone(timezone.utc)
        days = (utc.date() - date(1858, 11, 17)).days
        return math.floor(days + (utc.hour * 3600 + utc.minute * 60 + utc.second) / 86400)

    @property
    def millis_of_day(self) -> int:
        return (self.dt.hour * 3600 + self.dt.minute * 60 + self.dt.second) * 1000 \
            + self.millisecond

    def nanos(self, precision: int = 9) -> str:
        """DateTime::_format_nanosecs."""
        exponent = 9 - precision
        value = (self.nanosecond * 10 ** -exponent if exponent < 0
                 else self.nanosecond // 10 ** exponent)
        return f"{value:0{precision}d}"

    # ------------------------------------------------------------------ strftime
    def _strftime_code(self, code: str) -> str | None:
        """DateTime's %strftime_patterns (None: unknown, kept as %X)."""
        s = self
        table: dict[str, Callable[[], object]] = {
            "a": lambda: s.day_abbr, "A": lambda: s.day_name,
            "b": lambda: s.month_abbr, "h": lambda: s.month_abbr, "B": lambda: s.month_name,
            "c": lambda: s.cldr(_Locale.datetime_formats["default"]),
            "C": lambda: s.year // 100, "d": lambda: f"{s.day:02d}",
            "D": lambda: s.strftime("%m/%d/%y"), "e": lambda: f"{s.day:2d}",
            "F": lambda: s.strftime("%Y-%m-%d"), "g": lambda: str(s.week_year)[-2:],
            "G": lambda: s.week_year, "H": lambda: f"{s.hour:02d}",
            "I": lambda: f"{s.hour_12:02d}", "j": lambda: f"{s.day_of_year:03d}",
            "k": lambda: f"{s.hour:2d}", "l": lambda: f"{s.hour_12:2d}",
            "m": lambda: f"{s.month:02d}", "M": lambda: f"{s.minute:02d}", "n": lambda: "\n",
            "N": lambda: s.nanos(), "p": lambda: s.am_or_pm, "P": lambda: s.am_or_pm.lower(),
            "r": lambda: s.strftime("%I:%M:%S %p"), "R": lambda: s.strftime("%H:%M"),
            "s": lambda: s.epoch, "S": lambda: f"{s.second:02d}", "t": lambda: "\t",
            "T": lambda: s.strftime("%H:%M:%S"), "u": lambda: s.day_of_week,
            "U": lambda: f"{(s.day_of_year - (s.day_of_week + 7) % 7 + 6) // 7:02d}",
            "V": lambda: f"{s.week_number:02d}", "w": lambda: s.day_of_week % 7,
            "W": lambda: f"{(s.day_of_year - (s.day_of_week + 6) % 7 + 6) // 7:02d}",
            "x": lambda: s.cldr(_Locale.date_default), "X": lambda: s.cldr(_Locale.time_default),
            "y": lambda: f"{s.year % 100:02d}", "Y": lambda: s.year, "z": lambda: _offset(s.dt),
            "Z": lambda: s.time_zone_short_name, "%": lambda: "%",
        }
        fn = table.get(code)
        return None if fn is None else str(fn())

    _METHODS = frozenset((
        "year", "month", "day", "hour", "minute", "second", "day_of_week", "day_of_year",
        "quarter", "week_year", "week_number", "hour_12", "hour_12_0", "hour_1", "am_or_pm",
        "epoch", "nanosecond", "millisecond", "day_name", "day_abbr", "month_name",
        "month_abbr", "time_zone_short_name", "time_zone_long_name", "offset", "ymd", "hms",
        "mdy", "dmy", "iso8601", "datetime", "week_of_month", "weekday_of_month",
        "local_day_of_week", "mjd"))

    def strftime(self, pattern: str) -> str:
        """DateTime::strftime: %X codes, %{method}, %<n>N; unknown ones stay as written."""
        def replace(m: re.Match) -> str:
            if m.group(1):
                name = m.group(1)
                return str(getattr(self, name)) if name in self._METHODS else m.group(0)
            if m.group(2):
                found = self._strftime_code(m.group(2))
                return m.group(0) if found is None else found
            return self.nanos(int(m.group(3)))

        return re.sub(r"%\{(\w+)\}|%([%a-zA-Z])|%(\d+)N", replace, pattern, flags=re.S)

    # ------------------------------------------------------------------ CLDR
    def _pad(self, token: str, value: int) -> str:
        return f"{value:0{len(token)}d}"

    def _cldr_patterns(self) -> list[tuple[str, Callable[[str], object]]]:
        """DateTime's @patterns: (regex, fn(matched letters)), first search() hit wins."""
        s, L = self, _Locale
        return [
            ("GGGGG", lambda t: L.eras_narrow[s.era_index]),
            ("GGGG", lambda t: L.eras[s.era_index]),
            ("G{1,3}", lambda t: L.eras_abbr[s.era_index]),
            ("y{3,5}", lambda t: s._pad(t[:5], s.year)),
            ("yy", lambda t: s._pad("yy", s.year % 100)),
            ("y", lambda t: s.year),
            ("u+", lambda t: s._pad(t, s.year)),
            ("Y+", lambda t: s._pad(t, s.week_year)),
            ("QQQQ", lambda t: L.quarters[s.quarter - 1]),
            ("QQQ", lambda t: L.quarters_abbr[s.quarter - 1]),
            ("QQ?", lambda t: s._pad(t[:2], s.quarter)),
            ("qqqq", lambda t: L.quarters[s.quarter - 1]),
            ("qqq", lambda t: L.quarters_abbr[s.quarter - 1]),
            ("qq?", lambda t: s._pad(t[:2], s.quarter)),
            ("MMMMM", lambda t: L.months_narrow[s.month - 1]),
            ("MMMM", lambda t: s.month_name),
            ("MMM", lambda t: s.month_abbr),
            ("MM?", lambda t: s._pad(t[:2], s.month)),
            ("LLLLL", lambda t: L.months_narrow[s.month - 1]),
            ("LLLL", lambda t: s.month_name),
            ("LLL", lambda t: s.month_abbr),
            ("LL?", lambda t: s._pad(t[:2], s.month)),
            ("ww?", lambda t: s._pad(t[:2], s.week_number)),
            ("W", lambda t: s.week_of_month),
            ("dd?", lambda t: s._pad(t[:2], s.day)),
            ("D{1,3}", lambda t: s._pad(t[:3], s.day_of_year)),
            ("F", lambda t: s.weekday_of_month),
            ("g+", lambda t: s._pad(t, s.mjd)),
            ("EEEEE", lambda t: L.days_narrow[s.day_of_week - 1]),
            ("EEEE", lambda t: s.day_name),
            ("E{1,3}", lambda t: s.day_abbr),
            ("eeeee", lambda t: L.days_narrow[s.day_of_week - 1]),
            ("eeee", lambda t: s.day_name),
            ("eee", lambda t: s.day_abbr),
            ("ee?", lambda t: s._pad(t[:2], s.local_day_of_week)),
            ("ccccc", lambda t: L.days_narrow[s.day_of_week - 1]),
            ("cccc", lambda t: s.day_name),
            ("ccc", lambda t: s.day_abbr),
            ("cc?", lambda t: s._pad(t[:2], s.day_of_week)),
            ("a", lambda t: s.am_or_pm),
            ("hh?", lambda t: s._pad(t[:2], s.hour_12)),
            ("HH?", lambda t: s._pad(t[:2], s.hour)),
            ("KK?", lambda t: s._pad(t[:2], s.hour_12_0)),
            ("kk?", lambda t: s._pad(t[:2], s.hour_1)),
            ("jj?", lambda t: s._pad(t[:2], s.hour_12)),          # en-US: 12-hour clock
            ("mm?", lambda t: s._pad(t[:2], s.minute)),
            ("ss?", lambda t: s._pad(t[:2], s.second)),
            ("S+", lambda t: s.nanos(len(t))),
            ("A+", lambda t: s.millis_of_day),
            ("zzzz", lambda t: s.time_zone_long_name),
            ("z{1,3}", lambda t: s.time_zone_short_name),
            ("ZZZZZ", lambda t: _offset(s.dt, ":")),
            ("ZZZZ", lambda t: s.time_zone_short_name + _offset(s.dt)),
            ("Z{1,3}", lambda t: _offset(s.dt)),
            ("vvvv", lambda t: s.time_zone_long_name),
            ("v{1,3}", lambda t: s.time_zone_short_name),
            ("VVVV", lambda t: s.time_zone_long_name),
            ("V{1,3}", lambda t: s.time_zone_short_name),
        ]

    def _cldr_field(self, letters: str) -> str:
        for regex, fn in self._cldr_patterns():
            m = re.search(regex, letters)
            if m:
                return str(fn(m.group(0)))
        return letters                                 # not a pattern letter: as written

    def cldr(self, pattern: str) -> str:
        """DateTime::format_cldr: quoted text, runs of one letter, anything else literal."""
        def replace(m: re.Match) -> str:
            if m.group(1) is not None:
                return m.group(1)
            if m.group(2) is not None:
                return self._cldr_field(m.group(2))
            return m.group(4)

        text = re.sub(r"'((?:[^']|'')*)'|(([a-zA-Z])\3*)|(.)", replace, pattern, flags=re.S)
        return text.replace("''", "'")


def format_date(dt: datetime, fmt: str) -> str:
    """App::Sqitch::DateTime->as_string(format => fmt), whole seconds as Sqitch reads them."""
    dt = dt.replace(microsecond=0)
    if fmt in ("", "raw"):
        return format_timestamp(dt)
    local = _DateTime(dt.astimezone())
    if fmt in ("iso", "iso8601"):
        return f"{local.ymd} {local.hms} {_offset(local.dt)}"
    if fmt in ("rfc", "rfc2822"):
        text = local.strftime("%a, %d %b %Y %H:%M:%S %z")
        return text[:-5] + "-0000" if text.endswith("+0000") else text
    if fmt.startswith("cldr:"):
        return local.cldr(fmt[len("cldr:"):])
    if fmt.startswith("strftime:"):
        return local.strftime(fmt[len("strftime:"):])
    if fmt in _Locale.datetime_formats:
        return local.cldr(_Locale.datetime_formats[fmt])
    raise FormatError(f'Unknown date format "{fmt}"')


# ====================================================================== colors
_ANSI = {"clear": "0", "reset": "0", "bold": "1", "dark": "2", "faint": "2", "italic": "3",
         "underline": "4", "underscore": "4", "blink": "5", "reverse": "7", "concealed": "8"}
for _i, _name in enumerate(("black", "red", "green", "yellow", "blue", "magenta", "cyan",
                            "white")):
    _ANSI[_name], _ANSI["on_" + _name] = str(30 + _i), str(40 + _i)
    _ANSI["bright_" + _name], _ANSI["on_bright_" + _name] = str(90 + _i), str(100 + _i)
for _i in range(256):
    _ANSI[f"ansi{_i}"], _ANSI[f"on_ansi{_i}"] = f"38;5;{_i}", f"48;5;{_i}"
for _r in range(6):
    for _g in range(6):
        for _b in range(6):
            _code = 16 + 36 * _r + 6 * _g + _b
            _ANSI[f"rgb{_r}{_g}{_b}"], _ANSI[f"on_rgb{_r}{_g}{_b}"] = \
                f"38;5;{_code}", f"48;5;{_code}"
for _i in range(24):
    _ANSI[f"grey{_i}"], _ANSI[f"on_grey{_i}"] = f"38;5;{232 + _i}", f"48;5;{232 + _i}"
_TRUECOLOR = re.compile(r"(on_)?r(\d+)g(\d+)b(\d+)\Z")


def _ansi_code(attribute: str) -> str | None:
    """Term::ANSIColor's code for one attribute name, None when it is not one."""
    if attribute in _ANSI:
        return _ANSI[attribute]
    m = _TRUECOLOR.match(attribute)
    if m and all(int(v) <= 255 for v in m.group(2, 3, 4)):
        return f"{'48' if m.group(1) else '38'};2;{int(m.group(2))};{int(m.group(3))};" \
               f"{int(m.group(4))}"
    return None


def ansi_color(spec: str) -> str:
    """Term::ANSIColor::color(spec): the escape sequence ('' for an empty spec)."""
    codes = [_ansi_code(word) for word in spec.lower().split()]
    return f"\x1b[{';'.join(codes)}m" if codes else ""


def _color_valid(spec: str) -> bool:
    return all(_ansi_code(word) is not None for word in spec.lower().split())


# ====================================================================== the formatter
# String::Formatter's hunk: %[-][width][.max][{argument}]<non-space conversion>
_CODE = re.compile(r"%(-)?([0-9]+)?(?:\.([0-9]*))?(?:\{(.*?)\})?(\S)", re.S)
_VSPACE = "\n\x0b\f\r\x85\u2028\u2029"                      # Perl's \v
_LABELS = {"event": "Event:    ", "change": "Change:   ", "committer": "Committer:",
           "planner": "Planner:  ", "by": "By:       ", "date": "Date:     ",
           "committed": "Committed:", "planned": "Planned:  ", "name": "Name:     ",
           "project": "Project:  ", "email": "Email:    ", "requires": "Requires: ",
           "conflicts": "Conflicts:"}
_EVENT_COLORS = {"deploy": "green", "revert": "blue"}
_CODES = frozenset("eLl_HhnocptTvCsbBrRxXa")
_DATE_ARG = re.compile(r"d(?:ate)?(?::|\Z)")


def _truthy(value: str | None) -> bool:
    """Perl truthiness of a string argument."""
    return value not in (None, "", "0")


def _or_placeholder(arg: str | None, placeholder: str) -> str:
    """Locale::TextDomain's __x leaves ``{name}`` in place for an undefined value."""
    return placeholder if arg is None else arg


def _perl_int(value: str) -> int:
    """Perl's numeric value of a string, truncated (leading number, else 0)."""
    m = re.match(r"\s*([+-]?\d+)", value)
    return int(m.group(1)) if m else 0


def _prefix_lines(text: str, prefix: str) -> str:
    """Perl's s/^/prefix/gm: every line start, but not after a final newline."""
    lines = text.split("\n")
    last = len(lines) - 1
    return "\n".join(line if i == last and i > 0 and line == "" else prefix + line
                     for i, line in enumerate(lines))


def _join(values, arg: str | None) -> str:
    return (arg if _truthy(arg) else ", ").join(values)


@dataclass(frozen=True)
class ItemFormatter:
    """App::Sqitch::ItemFormatter: ``format(template, item)`` -> text.

    ``color`` is 'always' or 'never' (chaindb treats Sqitch's 'auto' as 'never')."""

    abbrev: int = 0
    date_format: str = "iso"
    color: str = "never"

    @property
    def _colored(self) -> bool:
        return self.color == "always" and "NO_COLOR" not in os.environ

    def format(self, template: str, item: Mapping) -> str:
        """Expand every %-code of ``template`` for ``item``; FormatError on a bad code."""
        out: list[str] = []
        position = 0
        for m in _CODE.finditer(template):
            out.append(template[position:m.start()])
            position = m.end()
            if m.group(0) == "%%":
                out.append("%")
                continue
            align, width, maximum, arg, code = m.groups()
            if code not in _CODES:
                raise FormatError(f'Unknown format code "{code}"')
            method = getattr(self, "_code_label" if code == "_" else f"_code_{code}")
            out.append(self._pad(method(item, arg) or "", align, width, maximum))
        out.append(template[position:])
        return "".join(out)

    @staticmethod
    def _pad(text: str, align: str | None, width: str | None, maximum: str | None) -> str:
        """String::Formatter's format_simply: sprintf('%-W.Ms') (a width of 0NN pads
        with zeros, as Perl's sprintf does for strings)."""
        if _perl_int(maximum or "0"):
            text = text[:int(maximum)]
        size = int(width or 0)
        if align:
            return text.ljust(size)
        return text.rjust(size, "0" if width and width.startswith("0") else " ")

    # ---------------------------------------------------------------- codes
    def _code_e(self, item, arg):
        return item["event"]

    def _code_L(self, item, arg):
        return {"deploy": "Deploy", "revert": "Revert", "fail": "Fail"}.get(item["event"])

    def _code_l(self, item, arg):
        return {"deploy": "deploy", "revert": "revert", "fail": "fail"}.get(item["event"])

    def _code_label(self, item, arg):
        if arg is None:
            raise FormatError("No label passed to the _ format")
        if arg not in _LABELS:
            raise FormatError(f'Unknown label "{arg}" passed to the _ format')
        return _LABELS[arg]

    def _code_H(self, item, arg):
        return item["change_id"]

    def _code_h(self, item, arg):
        if _truthy(arg):
            return item["change_id"][:_perl_int(arg)]
        return item["change_id"][:self.abbrev] if self.abbrev else item["change_id"]

    def _code_n(self, item, arg):
        return item["change"]

    def _code_o(self, item, arg):
        return item["project"]

    def _person(self, item, arg, role: str, when: str) -> str:
        # A plan change has no committer: Perl prints empty values (and dies on a date).
        name, email = item.get(role + "_name") or "", item.get(role + "_email") or ""
        if arg is None:
            return f"{name} <{email}>"
        if arg in ("n", "name"):
            return name
        if arg in ("e", "email"):
            return email
        if m := _DATE_ARG.match(arg):
            if item.get(when) is None:
                raise FormatError(f"No {role} date to format: %{{{arg}}}{role[0]} "
                                  "applies to events only")
            return format_date(item[when], arg[m.end():] or self.date_format)
        return ""

    def _code_c(self, item, arg):
        return self._person(item, arg, "committer", "committed_at")

    def _code_p(self, item, arg):
        return self._person(item, arg, "planner", "planned_at")

    def _code_t(self, item, arg):
        return " " + _join(item["tags"], arg) if item["tags"] else ""

    def _code_T(self, item, arg):
        return f" ({_join(item['tags'], arg)})" if item["tags"] else ""

    def _code_v(self, item, arg):
        return "\n"

    def _code_C(self, item, arg):
        if arg == ":event":
            spec = _EVENT_COLORS.get(item["event"], "red")
        elif _truthy(arg) and _color_valid(arg):
            spec = arg
        else:
            raise FormatError(f"{_or_placeholder(arg, '{color}')} is not a valid ANSI color")
        return ansi_color(spec) if self._colored else ""

    def _code_s(self, item, arg):
        return (arg or "") + re.split(f"[{_VSPACE}]", item["note"], maxsplit=1)[0]

    def _code_b(self, item, arg):
        note = item["note"]
        if not any(ch in _VSPACE for ch in note):
            return ""
        body = re.sub(f"^.+[{_VSPACE}]+", "", note, count=1)
        return _prefix_lines(body, arg) if arg is not None and body else body

    def _code_B(self, item, arg):
        return item["note"] if arg is None else _prefix_lines(item["note"], arg)

    def _code_r(self, item, arg):
        return " " + _join(item["requires"], arg) if item["requires"] else ""

    def _code_R(self, item, arg):
        return f"Requires:  {_join(item['requires'], arg)}\n" if item["requires"] else ""

    def _code_x(self, item, arg):
        return " " + _join(item["conflicts"], arg) if item["conflicts"] else ""

    def _code_X(self, item, arg):
        return f"Conflicts: {_join(item['conflicts'], arg)}\n" if item["conflicts"] else ""

    def _code_a(self, item, arg):
        if not _truthy(arg) or arg not in item:
            raise FormatError(f"{_or_placeholder(arg, '{attr}')} is not a valid change attribute")
        value = item[arg]
        if value is None:
            return ""
        if isinstance(value, (list, tuple)):
            if not value:
                return ""
            value = ", ".join(value)
        elif isinstance(value, datetime):
            value = format_date(value, "raw")
        return f"{arg}{' ' * max(9 - len(arg), 0)} {value}\n"


# ====================================================================== sqitch plan
def plan_item(change, project: str) -> dict:
    """A plan change as the hash Command/plan.pm hands the formatter."""
    return {"event": change.event, "project": project, "change_id": change.id,
            "change": change.name, "note": change.note,
            "tags": [t.format_name for t in change.tags],
            "requires": [d.as_string() for d in change.requires],
            "conflicts": [d.as_string() for d in change.conflicts],
            "planned_at": change.timestamp, "planner_name": change.planner_name,
            "planner_email": change.planner_email}


def format_plan(plan, changes: list, template: str, formatter: ItemFormatter, *,
                file: str | None = None, headers: bool = True) -> Iterator[str]:
    """What `sqitch plan` prints for ``changes`` of ``plan``, piece by piece as Sqitch
    prints it (a bad template fails after the header is out): the '# Project' / '# File'
    header (``file`` as Sqitch shows the plan path, default plan.path), then each change
    through ``template`` (a PLAN_FORMATS value or a format: template) and a newline."""
    if headers:
        yield f"# Project: {plan.project}\n# File:    {file or plan.path}\n\n"
    for change in changes:
        yield formatter.format(template, plan_item(change, plan.project)) + "\n"
