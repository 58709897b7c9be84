#!/usr/bin/env bash
# Runs every course notebook (notebooks/course/*.ipynb, or the ones named) with the QISE
# Java kernel, with the exercise solutions switched on (QISE_SOLUTIONS=on: notebooks/solutions;
# QISE_SOLUTIONS=off runs the student version), and checks each lesson's claims. Exits non-zero when a cell fails, a claim does
# not hold (check(…) in a notebook throws), a check did not run, or a lesson shows no
# pictures. The executed copies are left in notebooks/target/course/ for inspection.
#
# Needs Jupyter's nbconvert: apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel
set -uo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
OUT="$HERE/target/course"
mkdir -p "$OUT"
# Jupyter finds the qise-java kernelspec in $HERE/kernels.
export JUPYTER_PATH="$HERE${JUPYTER_PATH:+:$JUPYTER_PATH}"

if ! command -v jupyter >/dev/null 2>&1 || ! jupyter nbconvert --version >/dev/null 2>&1; then
  echo "run-course: error: Jupyter nbconvert is not installed (Debian: apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel)" >&2
  exit 2
fi

# Exercise cells (%solution name) run the instructor's solutions unless told otherwise.
export QISE_SOLUTIONS="${QISE_SOLUTIONS-on}"

# The kernel is built by `mvn package`; build it here only when it is missing (never at kernel start).
bash "$HERE/kernels/qise-java/launch.sh" --build || exit 1
# The portal lesson starts a demo portal from its jar.
ROOT="$(cd "$HERE/.." && pwd)"
if [ ! -f "$ROOT/exchange-portal/target/qise-exchange-portal.jar" ] || [ ! -d "$ROOT/exchange-portal/target/lib" ]; then
  echo "run-course: building the portal for the sharing lesson…" >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package -pl exchange-portal -am) >"$OUT/portal-build.log" 2>&1 \
    || { echo "run-course: error: the portal build failed; see $OUT/portal-build.log" >&2; exit 1; }
fi

if [ $# -gt 0 ]; then
  notebooks=("$@")
else
  notebooks=("$HERE"/course/*.ipynb)
fi

# Executes one notebook into $OUT, its log in $OUT/<name>.log.
execute() {
  jupyter nbconvert --to notebook --execute \
    --ExecutePreprocessor.kernel_name=qise-java \
    --output-dir "$OUT" --output "$1" "$2" >"$OUT/$1.log" 2>&1
}

failed=()
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb")"
  echo "== $name"
  start=$SECONDS
  ok=true
  execute "$name" "$nb" || ok=false
  # Jupyter picks the kernel's ports by binding and releasing free ones, then starts the kernel,
  # which binds them again: another program can take one in between (CI saw this once, the
  # kernel's shell port "Address already in use"). Then no cell ran, so the notebook runs once
  # more; a cell's own error is never retried.
  if ! $ok && grep -q 'ZMQException: Errno 48 : Address already in use' "$OUT/$name.log"; then
    echo "   the kernel could not bind a port Jupyter had chosen for it (taken in between); running it once more"
    ok=true
    execute "$name" "$nb" || ok=false
  fi
  if ! $ok; then
    if grep -q 'CellExecutionError: An error occurred' "$OUT/$name.log"; then
      echo "   FAILED: a cell raised an error; the end of $OUT/$name.log says which:"
      grep -A 30 'CellExecutionError: An error occurred' "$OUT/$name.log" | sed 's/^/   | /'
    else
      # No cell error: the kernel did not start or nbconvert itself failed.
      echo "   FAILED before any cell raised an error (the kernel or nbconvert failed); the end of $OUT/$name.log:"
      tail -n 25 "$OUT/$name.log" | sed 's/^/   | /'
    fi
    failed+=("$name")
    continue
  fi
  if ! python3 - "$OUT/$name" <<'PY'
import json, re, sys

notebook = json.load(open(sys.argv[1], encoding="utf-8"))
problems, checks, held, svgs, pngs = [], 0, 0, 0, 0
for cell in notebook["cells"]:
    if cell["cell_type"] != "code":
        continue
    source = "".join(cell["source"])
    checks += len(re.findall(r"\bcheck\(|\.show\(\)", source))
    for out in cell.get("outputs", []):
        kind = out["output_type"]
        if kind == "error":
            problems.append("cell error: " + out.get("ename", "") + ": " + out.get("evalue", ""))
        elif kind == "stream":
            text = "".join(out["text"])
            held += sum(1 for line in text.splitlines() if line.startswith("✓ "))
            if out["name"] == "stderr" and "could not draw" in text:
                problems.append("a drawing failed: " + text.strip())
        elif "image/svg+xml" in out.get("data", {}):
            svgs += 1
            if "image/png" in out["data"]:
                pngs += 1
            else:
                problems.append("a picture without its PNG copy (HTML exports would show it blank)")
if checks == 0:
    problems.append("the lesson checks none of its claims (no check(...) calls)")
if held < checks:
    problems.append(f"only {held} of {checks} claims were confirmed")
if svgs < 2:
    problems.append(f"expected a circuit diagram and a plot, found {svgs} picture(s)")
for p in problems:
    print("   FAILED: " + p)
print(f"   {held} claims confirmed, {svgs} pictures ({pngs} with PNG)")
sys.exit(1 if problems else 0)
PY
  then
    failed+=("$name")
    continue
  fi
  # The HTML handout must show every picture: nbconvert strips SVG content, so each picture
  # needs its PNG copy inside the exported page.
  if ! jupyter nbconvert --to html --output-dir "$OUT" "$OUT/$name" >"$OUT/$name.html.log" 2>&1; then
    echo "   FAILED: the HTML export failed; see $OUT/$name.html.log"
    failed+=("$name")
    continue
  fi
  html="$OUT/${name%.ipynb}.html"
  pictures="$(python3 -c 'import json,sys; nb=json.load(open(sys.argv[1])); print(sum(1 for c in nb["cells"] for o in c.get("outputs", []) if "image/svg+xml" in o.get("data", {})))' "$OUT/$name")"
  shown="$(grep -o '<img src="data:image/png;base64,' "$html" | wc -l)"
  if [ "$shown" -lt "$pictures" ]; then
    echo "   FAILED: the HTML export shows $shown of $pictures pictures"
    failed+=("$name")
    continue
  fi
  echo "   ok ($((SECONDS - start)) s; HTML export shows all $pictures pictures)"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "run-course: ${#failed[@]} of ${#notebooks[@]} notebook(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "run-course: all ${#notebooks[@]} notebook(s) passed"
