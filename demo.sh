#!/usr/bin/env bash
# The demo: builds the provider jar, unpacks Keycloak (once, through Maven) into .demo/, imports the realms of
# docker/realms and starts Keycloak on http://localhost:8080 in the foreground. Ctrl-C stops it. The H2 database
# lives in .demo/, so keys and users survive a restart; `rm -rf .demo` starts afresh.
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

cat <<TXT

  Keycloak ${version} with keycloak-access-keys, starting on http://localhost:8080

  Account console  http://localhost:8080/realms/demo/account
                   alice / alice   (local user)
                   bob / bob       (click "Corp": logs in at realm corp, comes back brokered)
  Admin console    http://localhost:8080/admin   admin / admin
  Access keys API  http://localhost:8080/realms/demo/access-keys/me

  Ctrl-C stops Keycloak; data stays in ${kc}/data.

TXT

export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
# --import-realm skips realms that already exist, so a restart keeps what was changed.
exec "$kc/bin/kc.sh" start-dev --http-port=8080 --import-realm "$@"
