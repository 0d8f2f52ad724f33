"""`chaindb add`: a new change in the plan and its script skeletons."""

from __future__ import annotations

import os
from pathlib import Path

from chaindb.commands.base import SQITCH, command, context
from chaindb.commands.sqitch_plan import change_options, name_argument, note_text, script_file


@command("add", "Add a new change to the plan", group=SQITCH)
@change_options
def cmd_add(args) -> int:
    from chaindb import render

    name = name_argument(args.change_name, args.name, "change")
    ctx = context(args)
    ctx.require_project()
    plan = ctx.plan
    person_name, person_email = ctx.planner()
    change = plan.add_change(name, requires=args.requires or [],
                             conflicts=args.conflicts or [], note=note_text(args.note),
                             planner_name=person_name, planner_email=person_email)
    # Sqitch's templates receive the dependencies exactly as given on the command line
    # (`-x p:y` stays `p:y` in the script header while the plan line says `!y`).
    scripts = render.render_change_scripts(plan.project, change.name, args.requires or [],
                                           args.conflicts or [])
    for kind in ("deploy", "revert", "verify"):
        path = script_file(ctx, kind, change.name)
        shown = os.path.relpath(path)
        if path.exists():
            print(f"Skipped {shown}: already exists")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(scripts[kind], encoding="utf-8")
        print(f"Created {shown}")
    plan.write()
    deps = " ".join(d.as_plan_string() for d in change.requires + change.conflicts)
    print(f'Added "{change.name}{f" [{deps}]" if deps else ""}" to {os.path.relpath(plan.path)}')
    return 0
