#!/usr/bin/env bash
# The demo: builds the provider jar, unpacks Keycloak (once, through Maven) into .demo/, imports the realms of
# docker/realms and starts Keycloak on http://localhost:8080 in the foreground. Ctrl-C stops it. The H2 database
# lives in .demo/, so keys and users survive a restart; `rm -rf .demo` starts afresh.
# `./demo.sh --build-only` prepares everything but does not start Keycloak (CI checks a bare clone with it).
set -euo pipefail
cd "$(dirname "$0")"

mvn -q -B -ntp -Pdemo -DskipTests package

version=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)
kc=".demo/keycloak-${version}"
jar=$(ls target/keycloak-access-keys-*.jar | grep -v -e '-sources' -e '-tests' -e '-test-provider' | head -n 1)

rm -f "$kc"/providers/keycloak-access-keys-*.jar
cp "$jar" "$kc/providers/"
mkdir -p "$kc/data/import"
cp docker/realms/*.json "$kc/data/import/"
if [ "${1:-}" = "--build-only" ]; then
  echo "Built: $jar, Keycloak ${version} prepared in ${kc}"
  exit 0
fi

cat <<TXT

  Keycloak ${version} with keycloak-access-keys, starting on http://localhost:8080

  Account console  http://localhost:8080/realms/demo/account
                   alice / alice   (local user)
                   bob / bob       (click "Corp": logs in at realm corp, comes back brokered)
  Admin console    http://localhost:8080/admin   admin / admin   (realm demo > Access keys)
  Access keys API  http://localhost:8080/realms/demo/access-keys/me

  Ctrl-C stops Keycloak; data stays in ${kc}/data.

TXT

export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
# The admin console at /admin belongs to the master realm, which no import can change: once Keycloak answers, give
# it the access-keys admin theme (the consoles' "Access keys" page) with the distribution's kcadm.
(
  for _ in $(seq 1 150); do
    if curl -fs -o /dev/null http://localhost:8080/realms/master 2>/dev/null; then
      config="$kc/data/kcadm.config"
      "$kc/bin/kcadm.sh" config credentials --config "$config" --server http://localhost:8080 --realm master \
        --user "$KC_BOOTSTRAP_ADMIN_USERNAME" --password "$KC_BOOTSTRAP_ADMIN_PASSWORD" >/dev/null 2>&1 &&
        "$kc/bin/kcadm.sh" update realms/master --config "$config" -s adminTheme=access-keys >/dev/null 2>&1 &&
        echo "  The admin console of realm master now uses the access-keys theme."
      exit 0
    fi
    sleep 2
  done
) &

# --import-realm skips realms that already exist, so a restart keeps what was changed.
exec "$kc/bin/kc.sh" start-dev --http-port=8080 --import-realm "$@"
