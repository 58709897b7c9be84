#!/usr/bin/env bash
# Starts the QISE Java kernel for Jupyter (kernel.json runs this with the connection file).
# Finds a JDK 25 and runs the kernel jar (built by `mvn package`, never here) with start-up
# friendly flags. Works from any directory: paths are found from here.
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

# ---- the kernel jar: built by the project's normal build, never here ---------------------
# A build inside the kernel's start-up outlasts Jupyter's patience (nbconvert gives up after
# 60 s) and fails with a raw Maven message offline, so a start only says what to run.
BUILD_COMMAND="mvn -q -DskipTests package"
newer_sources() {
  find "$ROOT/simulator/src/main" "$ROOT/simulator-strange/src/main" "$ROOT/workshop/src/main" "$ROOT/notebooks/kernel/src/main" -newer "$JAR" -type f -print -quit 2>/dev/null
}

if [ "$1" = "--build" ]; then
  # Explicit, outside any kernel start: used by run-course.sh and by hand.
  if [ ! -f "$JAR" ] || [ -n "$(newer_sources)" ]; then
    echo "qise-java kernel: building the kernel ($BUILD_COMMAND -pl notebooks/kernel -am)…" >&2
    (cd "$ROOT" && $BUILD_COMMAND -pl notebooks/kernel -am) || exit 1
  fi
  exit 0
fi

if [ ! -f "$JAR" ]; then
  cat >&2 <<MSG
qise-java kernel: error: the kernel is not built ($JAR is missing).
  Build the project once, from $ROOT:
      $BUILD_COMMAND
  (add -o to build offline once the dependencies are in ~/.m2), then start the kernel again.
MSG
  exit 2
fi
if [ -n "$(newer_sources)" ]; then
  echo "qise-java kernel: note: sources changed since the kernel was built; run '$BUILD_COMMAND' in $ROOT to use them." >&2
fi

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
  -Dqise.notebooks="$ROOT/notebooks" \
  -jar "$JAR" "$1"
