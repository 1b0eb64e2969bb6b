# Shared by bin/run, bin/test and .ci/run. Source it; it changes nothing until a function is called.

# Export JAVA_HOME for a JDK 21 or newer: the one already in JAVA_HOME, the `java` on PATH, or the
# newest under /usr/lib/jvm.
select_jdk() {
    local candidate version
    for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
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
    exec 3<>"/dev/tcp/$host/$port" 2>/dev/null || return 1
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
