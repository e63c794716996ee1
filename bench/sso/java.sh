# Sourced by run.sh and series.sh: sets java_bin to a JDK 21+ (JAVA_HOME first, then /usr/lib/jvm/*), the way the
# launcher finds one, for the bare Helidon server; exits naming the problem when there is none.
java_bin=""
for candidate in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/*; do
  [ -x "$candidate/bin/java" ] || continue
  major="$("$candidate/bin/java" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }')"
  if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then java_bin="$candidate/bin/java"; break; fi
done
[ -n "$java_bin" ] || { echo "bench: no JDK 21+ found (set JAVA_HOME to one)" >&2; exit 1; }
