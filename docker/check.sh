#!/usr/bin/env bash
# Validates docker/compose.yml without a Docker engine, and lints docker/Dockerfile
# when a Dockerfile linter is installed. For CI: bash docker/check.sh
#
# Compose validators, first one found wins:
#   1. `docker compose` (Compose v2 plugin) or a v2 `docker-compose`: `config --quiet`
#   2. `docker-compose` 1.x (Debian bookworm ships 1.29.2): `config --quiet` on a copy
#      without the top-level `name:` key, which 1.x predates; the key is checked here
#   3. python3 with PyYAML: YAML syntax plus basic structure only (partial check)
# With none of them: prints "skipped: <reason>" and exits 0.
# Exit status: non-zero when a check that ran found the file invalid.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
compose_file="$here/compose.yml"
dockerfile="$here/Dockerfile"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

status=0

compose_v2() { # $@: the compose command
    echo "compose: validating with $* ($("$@" version --short 2>/dev/null || echo '?'))"
    if "$@" -f "$compose_file" config --quiet; then
        echo "compose: ok"
    else
        echo "compose: INVALID ($compose_file)" >&2
        status=1
    fi
}

compose_v1() {
    local version
    version="$(docker-compose version --short 2>/dev/null || echo '?')"
    echo "compose: validating with docker-compose $version (1.x: top-level name: checked separately)"
    local name_lines
    name_lines="$(grep -E '^name:' "$compose_file" || true)"
    if [ -n "$name_lines" ] && ! grep -qE '^name: *"?[a-z0-9][a-z0-9_-]*"? *$' <<<"$name_lines"; then
        echo "compose: INVALID top-level name (lowercase letters, digits, _ and - only): $name_lines" >&2
        status=1
    fi
    grep -vE '^name:' "$compose_file" >"$tmp/compose.yml"
    if docker-compose -f "$tmp/compose.yml" --project-directory "$here" config --quiet; then
        echo "compose: ok"
    else
        echo "compose: INVALID ($compose_file)" >&2
        status=1
    fi
}

compose_yaml_only() { # $1: a python3 that can import yaml
    echo "compose: no Compose validator installed; checking YAML syntax and basic structure with $1 (partial)"
    if "$1" - "$compose_file" <<'PY'
import sys, yaml

path = sys.argv[1]
errors = []
try:
    with open(path) as f:
        doc = yaml.safe_load(f)
except yaml.YAMLError as e:
    print(f"YAML syntax error: {e}", file=sys.stderr)
    sys.exit(1)

if not isinstance(doc, dict):
    sys.exit("top level is not a mapping")
if "version" in doc:
    errors.append("obsolete top-level 'version' key")
services = doc.get("services")
if not isinstance(services, dict) or not services:
    errors.append("no services")
    services = {}
declared_volumes = set((doc.get("volumes") or {}).keys())
conditions = {"service_started", "service_healthy", "service_completed_successfully"}
for name, svc in services.items():
    if not isinstance(svc, dict):
        errors.append(f"{name}: not a mapping")
        continue
    if "image" not in svc and "build" not in svc:
        errors.append(f"{name}: neither image nor build")
    deps = svc.get("depends_on") or {}
    for dep, spec in (deps.items() if isinstance(deps, dict) else ((d, {}) for d in deps)):
        if dep not in services:
            errors.append(f"{name}: depends_on unknown service {dep}")
        if isinstance(spec, dict) and spec.get("condition", "service_started") not in conditions:
            errors.append(f"{name}: depends_on {dep}: bad condition {spec.get('condition')}")
        if isinstance(spec, dict) and spec.get("condition") == "service_healthy" \
                and dep in services and "healthcheck" not in services[dep]:
            print(f"note: {dep} has no healthcheck in the file (it may come from its image)")
    for vol in svc.get("volumes") or []:
        if isinstance(vol, str):
            source = vol.split(":", 1)[0]
            if ":" in vol and not source.startswith((".", "/", "~", "$")) and source not in declared_volumes:
                errors.append(f"{name}: named volume {source} not declared")
    hc = svc.get("healthcheck")
    if hc is not None:
        test = hc.get("test") if isinstance(hc, dict) else None
        if isinstance(test, list) and (not test or test[0] not in ("CMD", "CMD-SHELL", "NONE")):
            errors.append(f"{name}: healthcheck test must start with CMD, CMD-SHELL or NONE")
    for port in svc.get("ports") or []:
        if not isinstance(port, (str, int, dict)):
            errors.append(f"{name}: bad port entry {port!r}")
for e in errors:
    print(e, file=sys.stderr)
sys.exit(1 if errors else 0)
PY
    then
        echo "compose: ok (YAML syntax and basic structure only)"
    else
        echo "compose: INVALID ($compose_file)" >&2
        status=1
    fi
}

# ---- compose ----
if docker compose version >/dev/null 2>&1; then
    compose_v2 docker compose
elif command -v docker-compose >/dev/null 2>&1 \
        && docker-compose version --short 2>/dev/null | grep -qE '^v?2\.'; then
    compose_v2 docker-compose
elif command -v docker-compose >/dev/null 2>&1 \
        && docker-compose version --short 2>/dev/null | grep -qE '^1\.'; then
    compose_v1
else
    py=""
    for candidate in /usr/bin/python3 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then
            py="$candidate"
            break
        fi
    done
    if [ -n "$py" ]; then
        compose_yaml_only "$py"
    else
        echo "compose: skipped: no validator installed (docker compose, docker-compose or python3 with PyYAML)"
    fi
fi

# ---- Dockerfile ----
if command -v hadolint >/dev/null 2>&1; then
    echo "Dockerfile: linting with hadolint"
    if hadolint --failure-threshold error "$dockerfile"; then
        echo "Dockerfile: ok"
    else
        echo "Dockerfile: INVALID ($dockerfile)" >&2
        status=1
    fi
elif command -v dockerfile-utils >/dev/null 2>&1; then
    echo "Dockerfile: linting with dockerfile-utils"
    if dockerfile-utils lint "$dockerfile"; then
        echo "Dockerfile: ok"
    else
        echo "Dockerfile: INVALID ($dockerfile)" >&2
        status=1
    fi
else
    echo "Dockerfile: skipped: no linter installed (hadolint or dockerfile-utils)"
fi

exit "$status"
