# Shared by bin/run, bin/test and .ci/run. Source it; it changes nothing until a function is called.

# java_spec_version JDK_HOME: prints the Java specification version of that JDK (21, 25, …).
java_spec_version() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

# Export JAVA_HOME for a JDK 21 or newer: the one already in JAVA_HOME, the `java` on PATH, or the
# newest under /usr/lib/jvm.
select_jdk() {
    local candidate version
    for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        version=$(java_spec_version "$candidate")
        if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
            export JAVA_HOME="${candidate%/}"
            export PATH="$JAVA_HOME/bin:$PATH"
            return 0
        fi
    done
    echo "ledgermta: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*)." \
         "Install one (for example Temurin 25) and set JAVA_HOME to it." >&2
    return 1
}

redis_answers() {
    # Speaks RESP over bash's /dev/tcp so that no redis-cli is needed.
    local host=$1 port=$2 reply
    { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null || return 1 # braces: a bare exec would keep 2>/dev/null for the whole script
    printf 'PING\r\n' >&3
    IFS= read -r -t 2 reply <&3
    exec 3<&- 3>&-
    [[ $reply == +PONG* ]]
}

# Start a throw-away local Redis on 127.0.0.1:6379 when REDIS_URL is unset and nothing answers there.
ensure_local_redis() {
    [ -z "${REDIS_URL:-}" ] || return 0
    redis_answers 127.0.0.1 6379 && return 0
    if ! command -v redis-server >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "ledgermta: installing redis-server (Debian package)" >&2
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
        else
            echo "ledgermta: nothing answers on 127.0.0.1:6379 and redis-server is not installed;" \
                 "install it (apt-get install redis-server) or set REDIS_URL." >&2
            return 1
        fi
    fi
    echo "ledgermta: starting redis-server on 127.0.0.1:6379" >&2
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
        --logfile /tmp/ledgermta-redis.log >/dev/null
    local _
    for _ in $(seq 50); do redis_answers 127.0.0.1 6379 && return 0; sleep 0.1; done
    echo "ledgermta: redis-server did not answer on 127.0.0.1:6379 (see /tmp/ledgermta-redis.log)" >&2
    return 1
}

# ---- The JDK's AOT cache (JDK 25 and newer) ----------------------------------------------------------
# A JVM that starts from an AOT cache finds its classes already loaded and linked and the method profiles
# of an earlier run, so it compiles its hot code sooner (bench/RESULTS.md, "Seventh pass"). The cache
# records classes from plain jars only, not from the jars nested in a Spring Boot jar: the service then
# runs from the jar's extracted form.

# aot_jar JAR: extracts JAR into api/target/aot-app (again whenever JAR is newer) and prints the jar to run.
aot_jar() {
    local jar=$1 dir=api/target/aot-app
    local app="$dir/$(basename "$jar")"
    if [ ! -f "$app" ] || [ "$jar" -nt "$dir/.extracted" ]; then
        rm -rf "$dir"
        "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null
        touch "$dir/.extracted"
    fi
    echo "$app"
}

# aot_options CACHE APP_JAR: prints the JVM options for the AOT cache file CACHE: use it when it exists and
# is newer than APP_JAR (the extracted jar it was trained with), else train it on this run (the JVM writes
# it when it stops, a few seconds and ~130 MB). Prints nothing, with a warning, on a JDK before 25.
aot_options() {
    local cache=$1 app=$2 version
    version=$(java_spec_version "$JAVA_HOME")
    if [ "${version%%.*}" -lt 25 ] 2>/dev/null; then
        echo "ledgermta: the AOT cache needs JDK 25 or newer ($JAVA_HOME is $version): running without it" >&2
        return 0
    fi
    mkdir -p "$(dirname "$cache")"
    if [ -f "$cache" ] && [ "$cache" -nt "$app" ]; then
        echo "-XX:AOTCache=$cache"
    else
        rm -f "$cache"
        echo "ledgermta: training the AOT cache $cache on this run (written when the service stops)" >&2
        # the training JVM lists every class it leaves out (hundreds of lines, none of them a fault)
        echo "-XX:AOTCacheOutput=$cache -Xlog:aot=error"
    fi
}

# ---- Content scanners for tests and CI: clamd and rspamd on loopback, from Debian's packages ----------
# Configuration templates live in bin/services/; the daemons' state (configs, databases, logs, pid files)
# in $LEDGERMTA_SERVICES_DIR. Both daemons keep running after the tests, so the next run finds them.

LEDGERMTA_SERVICES_DIR=${LEDGERMTA_SERVICES_DIR:-/var/tmp/ledgermta-services}
LEDGERMTA_SERVICE_TEMPLATES=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/services
_ledgermta_apt_updated=

# Install the Debian packages among "$@" that are missing (apt-get update at most once per shell).
# Their init scripts are kept from starting the system-wide daemons: ours run with their own configs.
ensure_debian_packages() {
    local package missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q ' installed$' || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "ledgermta: ${missing[*]} not installed; install as root: apt-get install --no-install-recommends ${missing[*]}" >&2
        return 1
    fi
    echo "ledgermta: installing ${missing[*]} (Debian packages)" >&2
    if [ -z "$_ledgermta_apt_updated" ]; then
        apt-get update -qq || return 1
        _ledgermta_apt_updated=1
    fi
    (
        # policy-rc.d exit 101 = "do not start services" (Debian Policy, invoke-rc.d); only if none exists.
        if [ ! -e /usr/sbin/policy-rc.d ]; then
            trap 'rm -f /usr/sbin/policy-rc.d' EXIT
            printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
        fi
        DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1 \
            apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    )
}

clamd_answers() {
    # clamd's own protocol: "zPING\0" is answered with "PONG\0".
    local host=$1 port=$2 reply=
    { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null || return 1 # braces: a bare exec would keep 2>/dev/null
    printf 'zPING\0' >&3
    IFS= read -r -d '' -t 2 reply <&3 || true
    exec 3<&- 3>&-
    [[ $reply == PONG* ]]
}

rspamd_answers() {
    # GET /ping on the normal worker is answered with "pong".
    local host=$1 port=$2 reply=
    { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null || return 1 # braces: a bare exec would keep 2>/dev/null
    printf 'GET /ping HTTP/1.0\r\nHost: %s\r\n\r\n' "$host" >&3
    reply=$(timeout 2 cat <&3 2>/dev/null) || true
    exec 3<&- 3>&-
    [[ $reply == *pong* ]]
}

# Start "$@" in a session of its own, detached from this shell; its pid goes to $pid_file.
_start_service() {
    local pid_file=$1 log_file=$2
    shift 2
    rm -f "$pid_file"
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pid_file" "$@" </dev/null >>"$log_file" 2>&1 &
}

# Wait up to $deadline seconds for "$answers 127.0.0.1 $port"; else fail naming the log file. The last
# lines of $console (the daemon's own stdout and stderr, where start-up errors go) are shown.
_wait_for_service() {
    local name=$1 answers=$2 port=$3 deadline=$4 pid_file=$5 log_file=$6 console=$7 started=$SECONDS pid
    until "$answers" 127.0.0.1 "$port"; do
        pid=$(cat "$pid_file" 2>/dev/null) || pid=
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            echo "ledgermta: $name exited before answering on 127.0.0.1:$port; see $log_file" >&2
            tail -n 5 "$console" >&2 || true
            return 1
        fi
        if [ $((SECONDS - started)) -ge "$deadline" ]; then
            echo "ledgermta: $name (pid ${pid:-?}) did not answer on 127.0.0.1:$port within ${deadline}s;" \
                 "see $log_file" >&2
            return 1
        fi
        sleep 0.2
    done
    echo "ledgermta: $name answers on 127.0.0.1:$port (after $((SECONDS - started)) s)" >&2
}

# Stop the daemon recorded in $pid_file (one that an earlier run started) if it runs but does not answer.
_stop_recorded_service() {
    local pid_file=$1 pid _
    pid=$(cat "$pid_file" 2>/dev/null) || return 0
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        echo "ledgermta: stopping pid $pid (from $pid_file): it runs but does not answer" >&2
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file"
}

# clamd on 127.0.0.1:3310 knowing only the EICAR test signature (DESIGN.md, "Real services in tests").
ensure_clamd() {
    clamd_answers 127.0.0.1 3310 && return 0
    local dir=$LEDGERMTA_SERVICES_DIR/clamav lock status=0
    mkdir -p "$dir" || return 1
    exec {lock}>"$dir/.lock"
    flock -w 120 "$lock" || true # another run may be starting it right now
    if ! clamd_answers 127.0.0.1 3310; then
        if ensure_debian_packages clamav-daemon; then
            _stop_recorded_service "$dir/clamd.pid"
            rm -rf "$dir/db" && mkdir -p "$dir/db" "$dir/tmp"
            cp "$LEDGERMTA_SERVICE_TEMPLATES/clamav/test.ndb" "$dir/db/test.ndb"
            sed "s|@STATE_DIR@|$dir|g" "$LEDGERMTA_SERVICE_TEMPLATES/clamav/clamd.conf" >"$dir/clamd.conf"
            echo "ledgermta: starting clamd on 127.0.0.1:3310 (state and clamd.log in $dir)" >&2
            _start_service "$dir/clamd.pid" "$dir/clamd.console.log" \
                "$(command -v clamd || echo /usr/sbin/clamd)" -c "$dir/clamd.conf"
            _wait_for_service clamd clamd_answers 3310 30 "$dir/clamd.pid" "$dir/clamd.log" \
                "$dir/clamd.console.log" || status=1
        else
            status=1
        fi
    fi
    exec {lock}>&-
    return $status
}

# rspamd's normal worker on 127.0.0.1:11333, kept off the network (bin/services/rspamd/README.md).
# Its first start compiles rules into DBDIR (about 10 s); DBDIR is kept, so later starts take about 1 s.
ensure_rspamd() {
    rspamd_answers 127.0.0.1 11333 && return 0
    local dir=$LEDGERMTA_SERVICES_DIR/rspamd lock status=0
    mkdir -p "$dir" || return 1
    exec {lock}>"$dir/.lock"
    flock -w 120 "$lock" || true # another run may be starting it right now
    if ! rspamd_answers 127.0.0.1 11333; then
        if ensure_debian_packages rspamd; then
            _stop_recorded_service "$dir/rspamd.pid"
            rm -rf "$dir/conf" && mkdir -p "$dir/conf" "$dir/db" "$dir/run" "$dir/log"
            cp -r "$LEDGERMTA_SERVICE_TEMPLATES/rspamd/local.d" "$LEDGERMTA_SERVICE_TEMPLATES/rspamd/override.d" \
                "$dir/conf/"
            echo "ledgermta: starting rspamd on 127.0.0.1:11333 (state in $dir; the first start takes ~10 s)" >&2
            _start_service "$dir/rspamd.pid" "$dir/log/rspamd.log" "$(command -v rspamd || echo /usr/bin/rspamd)" \
                -f -i -c /etc/rspamd/rspamd.conf --var=LOCAL_CONFDIR="$dir/conf" --var=DBDIR="$dir/db" \
                --var=RUNDIR="$dir/run" --var=LOGDIR="$dir/log"
            _wait_for_service rspamd rspamd_answers 11333 60 "$dir/rspamd.pid" "$dir/log/rspamd.log" \
                "$dir/log/rspamd.log" || status=1
        else
            status=1
        fi
    fi
    exec {lock}>&-
    return $status
}
