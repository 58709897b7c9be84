#!/usr/bin/env bash
# Starts the QISE Java kernel for Jupyter (kernel.json runs this with the connection file).
# Finds a JDK 25, builds the kernel jar when it is missing or older than the sources, and
# runs it with start-up friendly flags. Works from any directory: paths are found from here.
#
# Environment: QISE_JAVA_HOME picks the JDK; QISE_NOTEBOOK_JAVA_OPTS adds options for the
# VM that runs the notebook's code (e.g. -Xmx16g for many qubits).
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
TARGET="$ROOT/notebooks/kernel/target"
JAR="$TARGET/qise-kernel.jar"

if [ $# -ne 1 ]; then
  echo "usage: $0 <jupyter connection file>   (or --build: only build the kernel jar if needed)" >&2
  exit 2
fi

# ---- a JDK 25 or newer ----------------------------------------------------------------------
feature_version() { # the major version of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

find_jdk() {
  local d v
  for d in ${QISE_JAVA_HOME:+"$QISE_JAVA_HOME"} ${JAVA_HOME:+"$JAVA_HOME"} \
           /usr/lib/jvm/*25* /usr/lib/jvm/temurin-25* /usr/lib/jvm/*; do
    [ -d "$d" ] || continue
    v="$(feature_version "$d")"
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$d"; return 0; fi
  done
  return 1
}

if ! JDK="$(find_jdk)"; then
  cat >&2 <<'MSG'
qise-java kernel: error: no Java 25 (or newer) JDK found.
  Looked in $QISE_JAVA_HOME, $JAVA_HOME and /usr/lib/jvm (the default java here may be older).
  Install JDK 25, e.g. Eclipse Temurin 25 (Debian/Ubuntu: package temurin-25-jdk from the
  Adoptium apt repository, https://adoptium.net), or point QISE_JAVA_HOME at one.
MSG
  exit 2
fi

# ---- the kernel jar: build it when missing or stale ----------------------------------------
stale() {
  [ -f "$JAR" ] || return 0
  [ -n "$(find "$ROOT/pom.xml" "$ROOT/simulator/pom.xml" "$ROOT/simulator/src/main" \
            "$ROOT/notebooks/kernel/pom.xml" "$ROOT/notebooks/kernel/src/main" \
            -newer "$JAR" -type f -print -quit 2>/dev/null)" ]
}

if stale; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "qise-java kernel: error: $JAR is missing and Maven (mvn) is not installed to build it; install Maven 3.8+." >&2
    exit 2
  fi
  mkdir -p "$TARGET"
  LOG="$TARGET/kernel-build.log"
  (
    # One build at a time when several notebooks start together.
    command -v flock >/dev/null 2>&1 && flock 9
    if stale; then
      echo "qise-java kernel: building the kernel (log: $LOG)…" >&2
      if ! (cd "$ROOT" && mvn -q -B -DskipTests package -pl notebooks/kernel -am) >"$LOG" 2>&1; then
        echo "qise-java kernel: error: the build failed; the end of $LOG says why:" >&2
        tail -n 30 "$LOG" >&2
        exit 1
      fi
    fi
  ) 9>"$TARGET/.kernel-build.lock"
fi

[ "$1" = "--build" ] && exit 0

# ---- run --------------------------------------------------------------------------------------
# The kernel process only relays messages and compiles snippets: the C1 compiler alone and
# the serial collector start it fastest. Its class-data archive is created on first exit and
# reused after. The notebook's own code runs in a separate VM with the full JIT and
# --add-modules jdk.incubator.vector (see EvaluationEngine); this process needs neither, and
# leaving the incubator module out keeps its start-up warning out of the Jupyter console.
exec "$JDK/bin/java" \
  -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto \
  -XX:SharedArchiveFile="$TARGET/qise-kernel.jsa" -XX:+AutoCreateSharedArchive \
  -Xlog:cds=off -Xlog:cds+dynamic=off \
  --enable-native-access=ALL-UNNAMED \
  -jar "$JAR" "$1"
