"""The part of Template Toolkit that Sqitch's change templates use (`sqitch add` renders
``<dir>/<script>/<name>.tmpl`` with Template Toolkit 2, or Template::Tiny without it).

Supported, with TT2's meaning: ``[% var %]`` and dotted paths (``var.key``, ``list.size``,
``list.first``, ``list.last``, ``list.join``), ``[% FOREACH x IN list %]`` (also ``FOR``),
``[% IF x %]`` / ``[% UNLESS x %]`` with ``[% ELSIF x %]``, ``[% ELSE %]``, ``NOT x``,
``[% END %]``, comments ``[%# … %]``, and the chomp flags ``[%-`` (drops the whitespace and
one newline before the tag) and ``-%]`` (drops the whitespace and one newline after it).
An undefined variable renders as the empty string, as in TT2.  Anything else is a
TemplateError naming the template and the directive.

``render_like_sqitch`` is what `add` uses: this renderer, and for a template written for
the whole Template Toolkit (``TAGS``, ``PROCESS``, ``MACRO``, ``SWITCH``, ``TRY`` ...) the
Template Toolkit itself when Perl has it -- the engine Sqitch renders with whenever it is
installed, so the output is Sqitch's byte for byte.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field

from chaindb.errors import ChaindbError


class TemplateError(ChaindbError):
    """A template this renderer cannot process."""


_TAG = re.compile(r"\[%(?P<pre>[-+~=]?)(?P<body>.*?)(?P<post>[-+~=]?)%\]", re.S)
_NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+(?:\((?:'[^']*'|\"[^\"]*\")?\))?)*"
_FOREACH = re.compile(rf"(?:FOREACH|FOR)\s+([A-Za-z_]\w*)\s+(?:IN|=)\s+({_NAME})\Z")
_COND = re.compile(rf"(IF|UNLESS|ELSIF)\s+(NOT\s+|!\s*)?({_NAME})\Z")


@dataclass
class _Node:
    kind: str                                   # text, var, foreach, if
    value: str = ""
    name: str = ""
    negate: bool = False
    body: list = field(default_factory=list)
    orelse: list = field(default_factory=list)


def _lookup(context: dict, path: str):
    head, *rest = path.split(".")
    value = context.get(head)
    for part in rest:
        if value is None:
            return None
        m = re.fullmatch(r"(\w+)(?:\((?:'([^']*)'|\"([^\"]*)\")?\))?", part)
        method, arg = m.group(1), m.group(2) if m.group(2) is not None else m.group(3)
        if isinstance(value, dict):
            value = value.get(method)
        elif isinstance(value, (list, tuple)):
            if method in ("size", "length"):
                value = len(value)
            elif method == "first":
                value = value[0] if value else None
            elif method == "last":
                value = value[-1] if value else None
            elif method == "join":
                value = (" " if arg is None else arg).join(str(v) for v in value)
            elif method.isdigit():
                value = value[int(method)] if int(method) < len(value) else None
            else:
                value = None
        elif isinstance(value, str) and method == "length":
            value = len(value)
        else:
            value = None
    return value


def _tokens(text: str, name: str) -> list[tuple[str, str]]:
    """(kind, value) pairs: ('text', ...) and ('tag', body), chomping applied."""
    out: list[list[str]] = []
    pos = 0
    post_chomp = False
    for m in _TAG.finditer(text):
        chunk = text[pos:m.start()]
        if post_chomp:
            chunk = re.sub(r"\A[^\S\n]*\n", "", chunk, count=1)
        if m.group("pre") == "-":
            chunk = re.sub(r"(\r?\n|\A)[^\S\n]*\Z", "", chunk, count=1)
        out.append(["text", chunk])
        out.append(["tag", m.group("body").strip()])
        post_chomp = m.group("post") == "-"
        pos = m.end()
    tail = text[pos:]
    if post_chomp:
        tail = re.sub(r"\A[^\S\n]*\n", "", tail, count=1)
    if "[%" in tail:
        raise TemplateError(f"template {name}: unterminated [% tag")
    out.append(["text", tail])
    return [(k, v) for k, v in out if k == "tag" or v]


def _parse(tokens, name: str) -> list[_Node]:
    root: list[_Node] = []
    stack: list[tuple[_Node | None, list[_Node]]] = [(None, root)]

    def current() -> list[_Node]:
        return stack[-1][1]

    for kind, value in tokens:
        if kind == "text":
            current().append(_Node("text", value))
            continue
        if value.startswith("#") or not value:
            continue
        if m := _FOREACH.fullmatch(value):
            node = _Node("foreach", value=m.group(1), name=m.group(2))
            current().append(node)
            stack.append((node, node.body))
        elif (m := _COND.fullmatch(value)) and m.group(1) in ("IF", "UNLESS"):
            node = _Node("if", name=m.group(3),
                         negate=(m.group(1) == "UNLESS") != bool(m.group(2)))
            current().append(node)
            stack.append((node, node.body))
        elif (m := _COND.fullmatch(value)) and m.group(1) == "ELSIF":
            owner = stack[-1][0]
            if owner is None or owner.kind != "if":
                raise TemplateError(f"template {name}: ELSIF outside IF")
            node = _Node("if", name=m.group(3), negate=bool(m.group(2)))
            owner.orelse.append(node)
            stack[-1] = (node, node.body)      # the chain ends with the IF's END
        elif value == "ELSE":
            owner = stack[-1][0]
            if owner is None or owner.kind != "if":
                raise TemplateError(f"template {name}: ELSE outside IF")
            stack[-1] = (owner, owner.orelse)
        elif value == "END":
            if len(stack) == 1:
                raise TemplateError(f"template {name}: END without a block")
            stack.pop()
        elif re.fullmatch(_NAME, value):
            current().append(_Node("var", name=value))
        else:
            raise TemplateError(f"template {name}: unsupported directive [% {value} %]")
    if len(stack) != 1:
        raise TemplateError(f"template {name}: a block is not closed with [% END %]")
    return root


def _render(nodes: list[_Node], context: dict, out: list[str]) -> None:
    for node in nodes:
        if node.kind == "text":
            out.append(node.value)
        elif node.kind == "var":
            value = _lookup(context, node.name)
            out.append("" if value is None else str(value))
        elif node.kind == "foreach":
            items = _lookup(context, node.name)
            if items is None:
                continue
            if not isinstance(items, (list, tuple)):
                items = [items]
            for item in items:
                _render(node.body, {**context, node.value: item}, out)
        elif node.kind == "if":
            truth = bool(_lookup(context, node.name))
            if truth != node.negate:
                _render(node.body, context, out)
            else:
                _render(node.orelse, context, out)


def render(text: str, context: dict, name: str = "template") -> str:
    """Render a template's text with ``context``."""
    out: list[str] = []
    _render(_parse(_tokens(text, name), name), context, out)
    return "".join(out)


# Sqitch's add.pm: Template->new->process(\$text, $vars, $fh) (INCLUDE_PATH '.', so
# `PROCESS templates/common` is found from the project directory); UTF-8 in and out.
_PERL_TT = r"""
use strict; use warnings; use JSON::PP; use Template;
binmode STDIN; my $in = do { local $/; decode_json(<STDIN>) };
my $out = ''; my $tt = Template->new;
$tt->process(\$in->{template}, $in->{vars}, \$out) or do {
    binmode STDERR, ':encoding(UTF-8)'; print STDERR $tt->error, "\n"; exit 2 };
binmode STDOUT, ':encoding(UTF-8)'; print $out;
"""


def _perl_template_toolkit() -> str | None:
    """perl, when it has the Template Toolkit (Template.pm); else None."""
    perl = shutil.which("perl")
    if perl is None:
        return None
    probe = subprocess.run([perl, "-MTemplate", "-MJSON::PP", "-e", "1"],
                           capture_output=True)
    return perl if probe.returncode == 0 else None


def render_like_sqitch(text: str, context: dict, name: str = "template") -> str:
    """``render``; a template this renderer cannot process goes to Perl's Template Toolkit
    when it is installed (as Sqitch does), else the TemplateError stands."""
    try:
        return render(text, context, name)
    except TemplateError:
        perl = _perl_template_toolkit()
        if perl is None:
            raise
    payload = json.dumps({"template": text, "vars": context}, ensure_ascii=False)
    proc = subprocess.run([perl, "-e", _PERL_TT], input=payload.encode("utf-8"),
                          capture_output=True)
    if proc.returncode != 0:
        error = proc.stderr.decode("utf-8", "replace").strip()
        raise TemplateError(f"Error executing {name}: {error}")
    return proc.stdout.decode("utf-8")
