# Lists the Pulumi packages installed in a Python environment, for pulumi-language-python's
# GetRequiredPackages: distributions with a pulumi-plugin.json in one of their top-level packages
# (what generated SDKs ship), and, as upstream, distributions named pulumi-* (older SDKs without
# the file, whose plugin is named after them). Prints a JSON array of
# {"name": ..., "version": ..., "plugin_json": <path or "">}.
import importlib.metadata
import importlib.util
import json
import os
import re


def plugin_json(dist):
    # A wheel installation lists its files in RECORD: look for <package>/pulumi-plugin.json.
    for f in dist.files or []:
        if f.name == "pulumi-plugin.json" and len(f.parts) == 2:
            path = str(f.locate())
            if os.path.isfile(path):
                return path
    # An editable installation lists no package files: find the package by its import name.
    try:
        spec = importlib.util.find_spec(dist.metadata["Name"].replace("-", "_").replace(".", "_"))
    except (ImportError, ValueError):
        spec = None
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = os.path.join(str(location), "pulumi-plugin.json")
        if os.path.isfile(path):
            return path
    return ""


found, seen = [], set()
for dist in importlib.metadata.distributions():
    name = re.sub(r"[-_.]+", "-", dist.metadata["Name"] or "").lower()
    if not name or name in seen:  # the first one on sys.path is the one Python imports
        continue
    seen.add(name)
    path = plugin_json(dist)
    if path or name.startswith("pulumi-"):
        found.append({"name": name, "version": dist.version, "plugin_json": path})
print(json.dumps(found))
