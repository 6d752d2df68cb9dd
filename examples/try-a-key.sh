#!/usr/bin/env bash
# Try an access key against the demo (./demo.sh): the admin creates a key for alice, then curl signs a request
# with it (AWS Signature V4) and Keycloak answers who signed. Safe to run again: the key it made last time is
# deleted first, so alice never runs out of her 2 keys because of this script.
#
#   ./examples/try-a-key.sh                 # against http://localhost:8080, realm demo
#   KC=https://kc.example.com REALM=myrealm ADMIN_PASSWORD=... ./examples/try-a-key.sh
#
# Needs curl (7.75+ for --aws-sigv4) and jq.
set -euo pipefail

KC=${KC:-http://localhost:8080}
REALM=${REALM:-demo}
KEY_USER=${KEY_USER:-alice}
DESCRIPTION="made by examples/try-a-key.sh"

fail() {
  echo "try-a-key: $*" >&2
  exit 1
}
command -v jq >/dev/null || fail "jq is needed (apt-get install jq)"

# An admin token of realm master (the demo's bootstrap admin).
TOKEN=$(curl -sS -d grant_type=password -d client_id=admin-cli \
  --data-urlencode "username=${ADMIN_USER:-admin}" --data-urlencode "password=${ADMIN_PASSWORD:-admin}" \
  "$KC/realms/master/protocol/openid-connect/token" | jq -r '.access_token // empty') || true
[ -n "$TOKEN" ] || fail "no admin token from $KC (is Keycloak running? ./demo.sh starts it)"
admin() { curl -sS -H "Authorization: Bearer $TOKEN" "$@"; }
keys="$KC/admin/realms/$REALM/access-keys/users"

USER_ID=$(admin "$KC/admin/realms/$REALM/users?username=$KEY_USER&exact=true" | jq -r '.[0].id // empty') || true
[ -n "$USER_ID" ] || fail "no user $KEY_USER in realm $REALM"

# The key this script made on an earlier run goes first.
for old in $(admin "$keys/$USER_ID/keys" | jq -r --arg d "$DESCRIPTION" '.[] | select(.description == $d) | .accessKeyId'); do
  admin -o /dev/null -X DELETE "$keys/$USER_ID/keys/$old"
  echo "deleted $old (made by an earlier run)"
done

created=$(admin -X POST -H 'Content-Type: application/json' -d "{\"description\":\"$DESCRIPTION\"}" "$keys/$USER_ID/keys")
case $(jq -r '.error // empty' <<<"$created") in
  "") ;;
  AccessKeyQuotaExceeded)
    fail "$KEY_USER already holds the most access keys allowed; delete one (admin console > Access keys) and run this again" ;;
  *) fail "the key was not created: $(jq -r '.error + ": " + .error_description' <<<"$created")" ;;
esac
AK=$(jq -r .accessKeyId <<<"$created")
SK=$(jq -r .secretAccessKey <<<"$created")
echo "created $AK for $KEY_USER (its secret is shown only in that answer)"

# The signed request: curl's own SigV4 signer, service name "access-keys", any region.
curl -sS --fail-with-body --aws-sigv4 "aws:amz:us-east-1:access-keys" --user "$AK:$SK" \
  "$KC/realms/$REALM/access-keys/whoami"
echo
