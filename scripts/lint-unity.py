#!/usr/bin/env python3
"""Unity translation units for scripts/lint: one per directory, and their findings mapped back.

  lint-unity.py write COMPILE_DB UNITS OUT_DIR
      UNITS lists translation units (absolute paths), one per line. For each directory among
      them (cut into parts of at most MAX_UNITS files, so that both cores stay busy to the end),
      writes OUT_DIR/<name>.cc, the concatenated text of the part's units; OUT_DIR/<name>.cc.map,
      the line where each unit starts in it; and OUT_DIR/<name>.cc.units, the units.
      OUT_DIR/compile_commands.json compiles each with the union of its units' include paths and
      definitions. Prints the unity files' paths, largest first, one per line.
  lint-unity.py map UNITY_FILE
      Copies clang-tidy's output from stdin to stdout with every UNITY_FILE:LINE:COL replaced
      by the unit's own path, line and column.

The units are concatenated rather than #included because clang-analyzer's path-sensitive checks
only analyse functions of the main file; clang-tidy reports positions in the file it was given
(it ignores #line), hence the map.
"""
import bisect
import collections
import json
import os
import re
import shlex
import sys

MAX_UNITS = 26  # files per unity file; libcommon/src and log-grep have 26


def include_flags(arguments):
    """The -I, -isystem and -D flags and the language standard of one compile command, joined
    to their values so that duplicates can be dropped."""
    flags, i = [], 0
    while i < len(arguments):
        arg = arguments[i]
        if arg in ("-isystem", "-I", "-D") and i + 1 < len(arguments):
            flags.append(arg + arguments[i + 1])
            i += 2
            continue
        if arg.startswith(("-I", "-D", "-isystem", "-std=")):
            flags.append(arg)
        i += 1
    return flags


def write(db_path, units_path, out_dir):
    units = set(line.strip() for line in open(units_path) if line.strip())
    by_dir = collections.defaultdict(dict)
    compiler = "clang++"
    for entry in json.load(open(db_path)):
        path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
        if path not in units:
            continue
        arguments = entry.get("arguments") or shlex.split(entry["command"])
        compiler = arguments[0]
        by_dir[os.path.dirname(path)][path] = include_flags(arguments)

    os.makedirs(out_dir, exist_ok=True)
    database, written = [], []
    for directory, files in sorted(by_dir.items()):
        paths = sorted(files)
        parts = -(-len(paths) // MAX_UNITS)
        for part in range(parts):
            members = paths[part * len(paths) // parts:(part + 1) * len(paths) // parts]
            name = directory.strip("/").replace("/", "_")
            name = os.path.join(out_dir, name + ("_%d" % part if parts > 1 else "") + ".cc")
            write_unit(name, members)
            # -iquote: the units' own "header.h" includes are found next to them.
            flags = ["-iquote" + directory]
            flags += list(dict.fromkeys(f for path in members for f in files[path]))
            database.append({"directory": out_dir, "file": name,
                             "arguments": [compiler] + flags + ["-c", name]})
            written.append((len(members), name))
    with open(os.path.join(out_dir, "compile_commands.json"), "w") as out:
        json.dump(database, out, indent=1)
    for _, name in sorted(written, key=lambda w: -w[0]):
        print(name)


def write_unit(name, members):
    """The concatenation of `members` as `name`, with its line map and member list beside it."""
    line = 1
    with open(name, "w") as unity, open(name + ".map", "w") as line_map:
        for path in members:
            text = open(path, encoding="utf-8", errors="surrogateescape").read()
            if not text.endswith("\n"):
                text += "\n"
            unity.write(text)
            line_map.write("%d %s\n" % (line, path))
            line += text.count("\n")
    with open(name + ".units", "w") as units:
        units.write("".join(path + "\n" for path in members))


def map_positions(unity_file):
    starts, paths = [], []
    for entry in open(unity_file + ".map"):
        start, path = entry.rstrip("\n").split(" ", 1)
        starts.append(int(start))
        paths.append(path)
    position = re.compile(re.escape(unity_file) + r":(\d+):")

    def original(match):
        line = int(match.group(1))
        unit = bisect.bisect_right(starts, line) - 1
        return "%s:%d:" % (paths[unit], line - starts[unit] + 1)

    for text in sys.stdin:
        sys.stdout.write(position.sub(original, text))


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "write":
        write(*sys.argv[2:5])
    elif len(sys.argv) == 3 and sys.argv[1] == "map":
        map_positions(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
